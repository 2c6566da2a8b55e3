// pdfjs-dist ships no types for its worker module; the reader only hands it to pdfjs.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
