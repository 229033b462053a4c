import { DocxError, MAX_DOCUMENT_XML_BYTES, docxText, documentXmlText } from '../../../src/drafts/docx';
import { buildDocx, zip } from '../../fixtures/docx';
import { LETTERS_DIR, readLetter } from '../../fixtures/letters';
import { readdirSync } from 'node:fs';

describe('the text of a .docx', () => {
  it.each(readdirSync(LETTERS_DIR).filter((f) => f.endsWith('.txt')))('%s round-trips through a .docx, deflated or stored', (file) => {
    const text = readLetter(file);
    expect(docxText(buildDocx(text))).toBe(text);
    expect(docxText(buildDocx(text, { store: true }))).toBe(text);
  });

  it('reads runs, tabs, breaks and entities; skips deleted text, field codes and tab stops', () => {
    const xml =
      '<w:document><w:body><w:p><w:pPr><w:tabs><w:tab w:pos="720"/></w:tabs></w:pPr>' +
      '<w:r><w:t>A &amp; B &lt;1&gt; &#x4E00;&#20108;</w:t></w:r><w:r><w:tab/><w:t>x</w:t><w:br/><w:t>y</w:t></w:r>' +
      '<w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>' +
      '<w:p/><w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>';
    expect(documentXmlText(xml)).toBe('A & B <1> 一二\tx\ny\n\ncell');
  });

  it('refuses what is not a .docx, and a document that inflates past its bound', () => {
    expect(() => docxText(Buffer.from('plain text, not a zip'))).toThrow(DocxError);
    expect(() => docxText(zip([['word/other.xml', '<x/>']]))).toThrow(/no word\/document.xml/);
    const bomb = zip([['word/document.xml', Buffer.alloc(MAX_DOCUMENT_XML_BYTES + 1, 0x20)]]);
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => docxText(bomb)).toThrow(/larger than 8 MB/);
    const truncated = buildDocx('hello');
    expect(() => docxText(truncated.subarray(0, truncated.length - 30))).toThrow(DocxError);
  });
});
