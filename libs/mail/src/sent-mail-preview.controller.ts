import { Controller, Get, Header, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { Public } from '@plein/policy';
import type { Response } from 'express';
import { SentMailService } from './sent-mail.service.js';

/**
 * One sent mail's HTML for the admins' preview <iframe>, behind a signed ten-minute link (minted by
 * `sentMailMessage` for an admin only). Mail HTML is styled inline, as mail clients require, so this
 * response alone allows inline styles; it runs no script (CSP `sandbox` without scripts, no
 * script-src), loads nothing but images and may only be framed by Plein itself.
 */
@Controller('mail')
export class SentMailPreviewController {
  constructor(private readonly sent: SentMailService) {}

  @Public()
  @Get('preview/:id')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async preview(@Param('id') id: string, @Query('e') expires: unknown, @Query('s') mac: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const html = await this.sent.previewHtml(id, expires, mac);
    if (html === null) throw new NotFoundException();
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data: https: http:; frame-ancestors 'self'; sandbox");
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    return html;
  }
}
