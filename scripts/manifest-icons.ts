/**
 * Draws the two Teams app icons and writes them as PNG files with node:zlib only.
 * - color.png: 192×192, full colour, shown in the app store and the app bar;
 * - outline.png: 32×32, white on transparent, shown in the Teams activity bar.
 * Icon rules: https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package#app-icons
 *
 * Run: npm run manifest:icons (the PNGs are committed; rerun after changing the drawing).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

/** the icon background, also the manifest's accentColor */
export const ACCENT = { r: 0x0f, g: 0x6c, b: 0xbd };

/** an RGBA image, 4 bytes per pixel */
export interface Rgba {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** encodes an RGBA image as a PNG (colour type 6, 8 bits, no interlace) */
export function encodePng(image: Rgba): Buffer {
  const { width, height, pixels } = image;
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const rowStart = y * (width * 4 + 1);
    rows[rowStart] = 0; // filter: none
    rows.set(pixels.subarray(y * width * 4, (y + 1) * width * 4), rowStart + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** coverage of a shape at a point, in units of the icon size (0..1 on both axes) */
type Shape = (x: number, y: number) => boolean;

/** a ring with an exclamation mark: "something went wrong at sign-in" */
function mark(ringOuter: number, ringInner: number): Shape {
  return (x, y) => {
    const dx = x - 0.5;
    const dy = y - 0.5;
    const r = Math.hypot(dx, dy);
    const ring = r <= ringOuter && r >= ringInner;
    const bar = Math.abs(dx) <= 0.045 && y >= 0.27 && y <= 0.58;
    const dot = Math.hypot(dx, y - 0.7) <= 0.055;
    return ring || bar || dot;
  };
}

/** renders a shape with 4×4 supersampling so edges are smooth */
function render(
  size: number,
  shape: Shape,
  paint: (coverage: number, out: Uint8Array, i: number) => void,
): Rgba {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (shape(x, y)) hits += 1;
        }
      }
      paint(hits / (samples * samples), pixels, (py * size + px) * 4);
    }
  }
  return { width: size, height: size, pixels };
}

/** the 192×192 colour icon: white mark on the accent colour, full bleed */
export function colorIcon(): Rgba {
  return render(192, mark(0.36, 0.3), (c, out, i) => {
    out[i] = Math.round(ACCENT.r + (255 - ACCENT.r) * c);
    out[i + 1] = Math.round(ACCENT.g + (255 - ACCENT.g) * c);
    out[i + 2] = Math.round(ACCENT.b + (255 - ACCENT.b) * c);
    out[i + 3] = 255;
  });
}

/** the 32×32 outline icon: the same mark in white, everything else transparent */
export function outlineIcon(): Rgba {
  return render(32, mark(0.47, 0.38), (c, out, i) => {
    out[i] = 255;
    out[i + 1] = 255;
    out[i + 2] = 255;
    out[i + 3] = Math.round(255 * c);
  });
}

function main(): void {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'manifest', 'teams');
  writeFileSync(join(dir, 'color.png'), encodePng(colorIcon()));
  writeFileSync(join(dir, 'outline.png'), encodePng(outlineIcon()));
  process.stdout.write(`wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
