/** Custom requests between the VS Code client and the server (the client imports only this file). */

/** `{ body, year, format? }` → `{ format, text }`: a complete report skeleton from the engine's writer. */
export const SKELETON_REQUEST = 'xxgk/skeleton';
/** `{ documents: { uri, text }[] }` → `{ uri, diagnostics }[]`: problems of reports that are not open. */
export const CHECK_TEXTS_REQUEST = 'xxgk/checkTexts';

export interface SkeletonParams {
  body: string;
  year: number;
  format?: '2019' | '2021';
}

export interface SkeletonResult {
  format: '2019' | '2021';
  text: string;
}

export interface CheckTextsParams {
  documents: { uri: string; text: string }[];
}
