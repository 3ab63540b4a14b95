import type Sharp from 'sharp';

let loaded: Promise<typeof Sharp> | undefined;

/**
 * sharp, imported on first use: it and libvips cost memory that most api processes never need.
 * libvips' operation cache (by default up to 50 MB and 100 operations) is switched off: every
 * upload is a different image, so nothing would be served from it, and it would hold memory.
 */
export function loadSharp(): Promise<typeof Sharp> {
  loaded ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    return sharp;
  });
  return loaded;
}
