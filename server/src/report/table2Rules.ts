/**
 * Table 二 within one report: 对外公开总数量 below 本年新公开数量 (2019 format), and 规章 reported by
 * a body that cannot make them. Pure; no LSP import.
 */
import { FORMATS } from './formatData';
import { localize, type Locale } from './messages';
import type { Cell, Report, ReportDiagnostic } from './model';
import { DEFAULT_SEVERITY } from './rules';

const intOf = (c: Cell | undefined) => (c && c.value.kind === 'int' ? c.value.value : null);

/**
 * Whether the issuing body (from the title) clearly cannot make 规章. Only 国务院部门, provincial
 * governments and the governments of 设区的市 make them (立法法 第九十一、九十三条). Decided
 * conservatively from the name: towns, townships and street offices; governments of counties,
 * banners and city districts; departments (局, 委员会, 中心…) below the State Council. A 市人民政府
 * (districted city or county-level city: the name does not tell), a government office (办公厅,
 * 办公室: it may report its government's rules), special zones (开发区, 新区, 实验区) and anything
 * unknown are given the benefit of the doubt.
 */
export function cannotMakeRules(body: string | null): boolean {
  if (!body) return false;
  const b = body.replace(/\s/g, '');
  if (/^(?:国务院|国家|中华人民共和国|中国)/.test(b)) return false;
  if (/办公厅|办公室|开发区|新区|实验区|示范区|自贸|管委会|管理委员会/.test(b)) return false;
  if (/(?:镇|乡|苏木)(?:人民)?政府$|街道(?:办事处)?$|街道办$|(?:镇|乡)$/.test(b)) return true;
  if (/(?:县|旗|区)(?:人民)?政府$/.test(b) && !/(?:自治区|特别行政区)(?:人民)?政府$/.test(b)) return true;
  // A department: a name ending in an agency word, not a government.
  if (/(?:局|委员会|委|中心|所|站|队|院|署|厅)$/.test(b) && !/政府$/.test(b)) return true;
  return false;
}

export function checkTable2(report: Report, locale: Locale = 'zh'): ReportDiagnostic[] {
  const out: ReportDiagnostic[] = [];
  const t2 = report.table2;
  if (!t2 || !report.format) return out;
  const spec = FORMATS[report.format];
  const t = (id: string, args: Record<string, string | number> = {}) => localize(id, args, locale);
  for (const sub of t2.subtables) {
    const sp = spec.table2[sub.index];
    for (const row of sub.rows) {
      const cell = (k: string) => row.cells.find((c) => c.colKey === k);
      const rowLabel = sp.rows.find((r) => r.key === row.key)?.label ?? row.key;
      if (report.format === '2019' && (row.key === 'regulations' || row.key === 'normativeDocs')) {
        const published = cell('published');
        const total = cell('total');
        const p = intOf(published);
        const tot = intOf(total);
        if (p !== null && tot !== null && tot < p) {
          out.push({
            code: 'table2-total',
            severity: DEFAULT_SEVERITY['table2-total'],
            message: t('table2-total', { row: rowLabel, total: tot, published: p }),
            range: total!.range,
            related: [{ range: published!.range, message: t('related.cell', { label: `${rowLabel}·${sp.columns[1].label}`, value: p }) }],
            expected: `≥ ${p}`,
            actual: String(tot),
            data: { row: row.key, col: 'total', table: 2 },
          });
        }
      }
      if (row.key === 'regulations' && cannotMakeRules(report.body)) {
        const nonZero = row.cells.find((c) => (intOf(c) ?? 0) > 0);
        if (nonZero) {
          out.push({
            code: 'rule-making',
            severity: DEFAULT_SEVERITY['rule-making'],
            message: t('rule-making', { body: report.body!, value: nonZero.raw }),
            range: nonZero.range,
            related: report.title ? [{ range: report.title.range, message: t('related.title') }] : [],
            expected: '0',
            actual: nonZero.raw,
            data: { row: row.key, col: nonZero.colKey, table: 2, body: report.body },
          });
        }
      }
    }
  }
  return out;
}
