import type { DemoImage } from './types.js';

/**
 * Product pictures drawn locally as SVG (no downloads, no binary assets in the repo): a coloured
 * background, a simple shape and the product's label. 800 x 800, a few hundred bytes each.
 */

const SIZE = 800;

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

function shapeOf(shape: DemoImage['shape']): string {
  const fill = 'fill="#ffffff" fill-opacity="0.22"';
  switch (shape) {
    case 'circle':
      return `<circle cx="400" cy="330" r="190" ${fill}/>`;
    case 'square':
      return `<rect x="220" y="150" width="360" height="360" rx="36" ${fill}/>`;
    case 'triangle':
      return `<polygon points="400,120 610,500 190,500" ${fill}/>`;
    case 'wave':
      return `<path d="M80 360 C200 200 300 520 400 360 S600 200 720 360" stroke="#ffffff" stroke-opacity="0.35" stroke-width="36" fill="none" stroke-linecap="round"/>`;
    case 'bolt':
      return `<polygon points="440,110 250,380 380,380 330,560 560,280 420,280" ${fill}/>`;
    case 'disc':
      return `<circle cx="400" cy="330" r="200" ${fill}/><circle cx="400" cy="330" r="40" fill="#000000" fill-opacity="0.25"/>`;
  }
}

/** Wraps a label onto at most two lines of about 18 characters. */
function lines(label: string): string[] {
  const words = label.split(/\s+/);
  const result: string[] = [''];
  for (const word of words) {
    const current = result[result.length - 1] ?? '';
    if (current.length > 0 && current.length + word.length > 18) {
      if (result.length === 2) {
        result[1] = `${current}…`;
        break;
      }
      result.push(word);
    } else result[result.length - 1] = current ? `${current} ${word}` : word;
  }
  return result;
}

export function demoSvg(image: DemoImage): Buffer {
  const text = lines(image.label)
    .map(
      (line, i) =>
        `<text x="400" y="${640 + i * 70}" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="58" font-weight="700" fill="#ffffff">${escapeXml(line)}</text>`,
    )
    .join('');
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-label="${escapeXml(image.alt)}">` +
      `<rect width="${SIZE}" height="${SIZE}" fill="${escapeXml(image.color)}"/>${shapeOf(image.shape)}${text}</svg>`,
    'utf8',
  );
}
