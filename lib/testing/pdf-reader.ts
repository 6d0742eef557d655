// What a reader sees in a PDF, read with the PDF engine npm ships (pdf.js: pdf-parse and its own
// pdfjs-dist, drawing with @napi-rs/canvas), so tests need no system tool: the text in reading order,
// every word with its box on the page, and the pixels of an area as a printer would render it.
import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { PDFParse } from "pdf-parse";

/** The PDF's text: one line per line of the page, words on a line separated by spaces. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText({ cellSeparator: " ", pageJoiner: "" })).text;
  } finally {
    await parser.destroy();
  }
}

export type TPdfWord = { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number };

/**
 * Every word with its page and box, in points from the page's top left. A word's box is its run's
 * height (baseline up one font size) and its share of the run's width by characters.
 */
export async function pdfWords(pdf: Uint8Array): Promise<TPdfWord[]> {
  return withDocument(pdf, async (doc) => {
    const words: TPdfWord[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const pageHeight = page.getViewport({ scale: 1 }).height;
      for (const item of (await page.getTextContent()).items) {
        if (!("str" in item) || !item.str.trim()) continue;
        const [, , , size, x, baseline] = item.transform as number[];
        const perChar = item.width / item.str.length;
        for (const m of item.str.matchAll(/\S+/g)) {
          const xMin = x + m.index * perChar;
          words.push({
            page: n,
            text: m[0],
            xMin,
            xMax: xMin + m[0].length * perChar,
            yMin: pageHeight - baseline - size,
            yMax: pageHeight - baseline,
          });
        }
      }
    }
    return words;
  });
}

/** An area of a page (points from the top left) rendered at `dpi`: its RGBA pixels, row by row. */
export async function pdfArea(
  pdf: Uint8Array,
  area: { page: number; x: number; y: number; width: number; height: number; dpi: number },
): Promise<{ width: number; height: number; rgba: Uint8ClampedArray }> {
  return withDocument(pdf, async (doc) => {
    const page = await doc.getPage(area.page);
    const scale = area.dpi / 72;
    const viewport = page.getViewport({ scale });
    type TCanvas = {
      canvas: HTMLCanvasElement;
      context: { getImageData: (x: number, y: number, w: number, h: number) => { data: Uint8ClampedArray } };
    };
    const { canvasFactory } = doc as unknown as { canvasFactory: { create: (w: number, h: number) => TCanvas } };
    const { canvas, context } = canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvas, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
    const [x, y, width, height] = [area.x, area.y, area.width, area.height].map((pt) => Math.round(pt * scale));
    return { width: width!, height: height!, rgba: context.getImageData(x!, y!, width!, height!).data };
  });
}

async function withDocument<T>(pdf: Uint8Array, read: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  try {
    return await read(doc);
  } finally {
    await doc.destroy();
  }
}
