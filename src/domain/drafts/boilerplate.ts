/**
 * What document-sharing web pages wrap around a letter when it is copied from
 * the browser: download disclaimers, upload metadata, page counters, rankings,
 * footers, "related documents" lists and inline ad calls. Patterns match the
 * Simplified text (normalisation converts Traditional first).
 */

/** A whole line matching one of these is page furniture, not part of any letter. */
export const BOILERPLATE_LINES: readonly RegExp[] = [
  /下载文档前请自行甄别/,
  /仅部分预览/,
  /如文档侵犯您的权益/,
  /小编为你整理/,
  /^收藏\s*分销/,
  /^上传人[::]/,
  /文档编号[::]/,
  /\.(?:docx?|pdf|wps)(?:_第\d+页)?\s*$/i,
  /^第\s*\d+\s*页\s*\/\s*共\s*\d+\s*页$/,
  /^下载\s+相关\s+举报$/,
  /点击查看更多/,
  /^资源描述$/,
  /^展开阅读全文$/,
  /收益排行/,
  /^\d{2}、\S*\(¥[\d,]+\+?\)/,
  /^相似文档/,
  /^搜索标签$/,
  /^当前位置[::]/,
  /页脚广告/,
  /^关于我们\s/,
  /版权所有/,
  /公网安备/,
  /ICP备/,
  /^客服电话[::]/,
  /^关注我们/,
  /^客服$/,
  /免责声明[::]本文仅限/,
  /^默认推荐访问/,
  /^来源[::]\s*网络整理/,
  /^-{3,}。?$/,
];

/** Inline page furniture inside a line (ad calls, download footers glued to the text). */
export const BOILERPLATE_INLINE: readonly RegExp[] = [
  /ok3w_ads\([^)]*\);?/g,
  /\(本文来源[^)\n]*?(?=第[一二三四五六七八九十]+篇|\)|$)\)?/gm,
  /Welcome\s*To\s*Download\s*!.*$/gim,
];
