import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useI18n } from '../lib/i18n.js';

/** Side of the square the crop is drawn into: the server makes 64, 256 and 800 px WebP from it. */
const OUTPUT = 800;
const MAX_ZOOM = 4;
const VIEW = 280;

interface Crop {
  /** Zoom: 1 shows the whole shorter side; 4 a quarter of it. */
  zoom: number;
  /** Centre of the crop in image pixels. */
  cx: number;
  cy: number;
}

/** Keeps the square inside the image. */
function clamp(c: Crop, w: number, h: number): Crop {
  const zoom = Math.min(Math.max(c.zoom, 1), MAX_ZOOM);
  const half = Math.min(w, h) / zoom / 2;
  return { zoom, cx: Math.min(Math.max(c.cx, half), w - half), cy: Math.min(Math.max(c.cy, half), h - half) };
}

/**
 * A square crop step before a profile photo is uploaded: drag the image (mouse or touch), zoom with
 * the slider, or use the keyboard on the frame (arrows move the crop, + and − zoom). The crop is cut
 * out client-side onto a canvas, so only the chosen square is uploaded; the server still decodes and
 * re-encodes it (and strips metadata) as it does every photo.
 */
export function PhotoCropper({ file, busy, onCancel, onConfirm }: { file: File; busy: boolean; onCancel: () => void; onConfirm: (cropped: File) => void }) {
  const { t } = useI18n();
  const [url] = useState(() => URL.createObjectURL(file));
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const [crop, setCrop] = useState<Crop>({ zoom: 1, cx: 0, cy: 0 });
  const img = useRef<HTMLImageElement>(null);
  const drag = useRef<{ x: number; y: number; crop: Crop } | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  useEffect(() => frame.current?.focus(), [size]);

  function loaded() {
    const el = img.current;
    if (!el || !el.naturalWidth) return setFailed(true);
    setSize({ w: el.naturalWidth, h: el.naturalHeight });
    setCrop({ zoom: 1, cx: el.naturalWidth / 2, cy: el.naturalHeight / 2 });
  }

  const side = size ? Math.min(size.w, size.h) / crop.zoom : 1;
  const scale = VIEW / side;
  const update = (next: Crop) => size && setCrop(clamp(next, size.w, size.h));

  function onKey(e: KeyboardEvent<HTMLDivElement>) {
    const step = side * 0.05;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[e.key]) {
      e.preventDefault();
      update({ ...crop, cx: crop.cx + moves[e.key][0], cy: crop.cy + moves[e.key][1] });
    } else if (e.key === '+' || e.key === '=') {
      e.preventDefault();
      update({ ...crop, zoom: crop.zoom * 1.25 });
    } else if (e.key === '-' || e.key === '_') {
      e.preventDefault();
      update({ ...crop, zoom: crop.zoom / 1.25 });
    }
  }

  function onPointerDown(e: PointerEvent<HTMLDivElement>) {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY, crop };
  }
  function onPointerMove(e: PointerEvent<HTMLDivElement>) {
    const d = drag.current;
    if (!d) return;
    // Dragging the image right shows more of its left side.
    update({ ...d.crop, cx: d.crop.cx - (e.clientX - d.x) / scale, cy: d.crop.cy - (e.clientY - d.y) / scale });
  }

  async function confirm() {
    const el = img.current;
    if (!el || !size) return;
    const canvas = document.createElement('canvas');
    const out = Math.min(OUTPUT, Math.round(side));
    canvas.width = out;
    canvas.height = out;
    const ctx = canvas.getContext('2d');
    if (!ctx) return setFailed(true);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(el, crop.cx - side / 2, crop.cy - side / 2, side, side, 0, 0, out, out);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) return setFailed(true);
    onConfirm(new File([blob], 'photo.png', { type: 'image/png' }));
  }

  return (
    <section className="card cropper" aria-labelledby="crop-title">
      <h2 id="crop-title">{t('crop.title')}</h2>
      <p id="crop-hint" className="small muted">
        {t('crop.hint')}
      </p>
      {failed ? (
        <p className="error" role="alert">
          {t('crop.failed')}
        </p>
      ) : (
        // A 2-D control moved with the arrow keys and the pointer; no ARIA widget role fits a 2-D pan.
        /* eslint-disable jsx-a11y/no-noninteractive-element-interactions, jsx-a11y/no-noninteractive-tabindex */
        <div
          ref={frame}
          className="crop-frame"
          style={{ width: VIEW, height: VIEW }}
          tabIndex={0}
          role="group"
          aria-label={t('crop.frame')}
          aria-describedby="crop-hint"
          data-testid="crop-frame"
          onKeyDown={onKey}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={() => (drag.current = null)}
          onPointerCancel={() => (drag.current = null)}
        >
          <img
            ref={img}
            src={url}
            alt=""
            draggable={false}
            onLoad={loaded}
            onError={() => setFailed(true)}
            style={
              size
                ? { width: size.w * scale, height: size.h * scale, transform: `translate(${-(crop.cx - side / 2) * scale}px, ${-(crop.cy - side / 2) * scale}px)` }
                : { visibility: 'hidden' }
            }
          />
        </div>
        /* eslint-enable jsx-a11y/no-noninteractive-element-interactions, jsx-a11y/no-noninteractive-tabindex */
      )}
      <label htmlFor="crop-zoom">{t('crop.zoom')}</label>
      <input
        id="crop-zoom"
        type="range"
        min={1}
        max={MAX_ZOOM}
        step="any"
        value={crop.zoom}
        disabled={!size}
        onChange={(e) => update({ ...crop, zoom: Number(e.target.value) })}
      />
      <div className="row-actions">
        <button type="button" onClick={() => void confirm()} disabled={!size || busy || failed}>
          {busy ? t('person.photoUploading') : t('crop.save')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('person.cancel')}
        </button>
      </div>
    </section>
  );
}
