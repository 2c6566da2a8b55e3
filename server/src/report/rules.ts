/**
 * Every rule code the project emits, with its default severity and what it is about: the one list
 * from which the RuleCode type, the engine's defaults, the CLI's help and the package.json
 * `xxgk.severity` enum are made (a test fails when package.json drifts from it). Codes are stable:
 * other tools and the JSON output rely on them.
 */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RuleInfo {
  readonly severity: Severity;
  /** What the rule checks, in a few words (zh, en), for settings descriptions and docs. */
  readonly zh: string;
  readonly en: string;
}

export const RULES = {
  'sum-balance': {
    severity: 'error',
    zh: '表三各列：新收 + 上年结转 = 办理结果总计 + 结转下年度',
    en: 'table 三, each column: new + carried over = results total + carried forward',
  },
  'sum-results': {
    severity: 'error',
    zh: '表三各列：（七）总计 = 本年度办理结果各项之和',
    en: 'table 三, each column: （七）总计 = the sum of the results',
  },
  'sum-row': {
    severity: 'error',
    zh: '表三各行：总计 = 各类申请人之和',
    en: 'table 三, each row: 总计 = the sum of the applicant columns',
  },
  'sum-review': {
    severity: 'error',
    zh: '表四各组：总计 = 维持 + 纠正 + 其他 + 尚未审结',
    en: 'table 四, each group: 总计 = maintained + corrected + other + pending',
  },
  'cell-blank': { severity: 'warning', zh: '单元格未填写', en: 'a blank cell' },
  'cell-invalid': { severity: 'error', zh: '单元格不是有效数值', en: 'a cell that is not a valid number' },
  'cell-count': { severity: 'error', zh: '行的单元格个数不对', en: 'a row with the wrong number of cells' },
  'amount-unit': { severity: 'warning', zh: '采购总金额未写单位', en: 'a procurement amount without its unit' },
  'format-version': { severity: 'warning', zh: '格式版本与报告年度不符', en: 'the format version does not fit the report year' },
  'section-missing': { severity: 'error', zh: '缺少部分', en: 'a missing section' },
  'section-order': { severity: 'warning', zh: '部分顺序不对', en: 'sections out of order' },
  'section-heading': { severity: 'warning', zh: '部分标题与规范不符', en: 'a section heading that is not the official wording' },
  'section-empty': { severity: 'warning', zh: '部分内容为空', en: 'an empty section' },
  'row-missing': { severity: 'error', zh: '缺少表格行', en: 'a missing table row' },
  'row-unknown': { severity: 'warning', zh: '不属于格式的表格行', en: 'a table row the format does not have' },
  'label-variant': { severity: 'warning', zh: '行列名称与规范不符', en: 'a row or column label that is not the official wording' },
  'rule-skipped': {
    severity: 'information',
    zh: '某条规则因缺少所需的行或数据未能检查',
    en: 'a rule that could not be checked: a row or figure it needs is missing',
  },
  'cell-suspect': {
    severity: 'error',
    zh: '很可能填错的单元格（改动最少即可使各项勾稽关系成立）',
    en: 'a cell that is probably wrong (the fewest changes that make every sum hold)',
  },
  'repair-ambiguous': {
    severity: 'information',
    zh: '有多种同样少的改法，无法确定填错的单元格',
    en: 'several equally small repairs: the wrong cells cannot be named',
  },
  'repair-limit': { severity: 'information', zh: '错误太多，无法确定填错的单元格', en: 'too many errors to name the wrong cells' },
} as const satisfies Record<string, RuleInfo>;

export type RuleCode = keyof typeof RULES;

/** Every code, in the table's order. */
export const RULE_CODES = Object.keys(RULES) as RuleCode[];

export const DEFAULT_SEVERITY = Object.fromEntries(RULE_CODES.map((code) => [code, RULES[code].severity])) as Record<RuleCode, Severity>;
