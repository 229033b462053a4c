import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { DomainValidationError } from '../domain/errors';
import { MAX_UPLOAD_BYTES } from './dto/draft-letter.dto';

/** The uploaded letter as multer keeps it (in memory: it is at most 2 MB and read at once). */
export interface UploadedLetter {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

const Multipart = FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 0, parts: 1 } });

/**
 * Reads a multipart upload's `file` (a JSON body passes untouched); multer's refusals become the
 * API's field-named 400, e.g. `file: must be at most 2 MB`, `letter: unknown field`.
 */
@Injectable()
export class LetterUploadInterceptor extends Multipart implements NestInterceptor {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
      if (error.getStatus() === 413)
        throw new DomainValidationError([{ path: 'file', message: `must be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` }]);
      const unexpected = /^Unexpected (?:file )?field - (.+)$/.exec(error.message);
      if (unexpected) throw new DomainValidationError([{ path: unexpected[1], message: 'unknown field: upload the letter as "file"' }]);
      if (/Too many (fields|parts)/.test(error.message))
        throw new DomainValidationError([{ path: '(root)', message: 'a multipart upload carries one part only: the letter as "file"' }]);
      throw new DomainValidationError([{ path: 'file', message: `could not be read as an upload (${error.message})` }]);
    }
  }
}
