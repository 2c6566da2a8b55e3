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
    en: 'table 3, each column: new + carried over = results total + carried forward',
  },
  'sum-results': {
    severity: 'error',
    zh: '表三各列：（七）总计 = 本年度办理结果各项之和',
    en: 'table 3, each column: “（七）总计” = the sum of the results',
  },
  'sum-row': {
    severity: 'error',
    zh: '表三各行：总计 = 各类申请人之和',
    en: 'table 3, each row: “总计” = the sum of the applicant columns',
  },
  'sum-review': {
    severity: 'error',
    zh: '表四各组：总计 = 维持 + 纠正 + 其他 + 尚未审结',
    en: 'table 4, each group: “总计” = maintained + corrected + other + pending',
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
  'table-markup': {
    severity: 'information',
    zh: '表格为 HTML 标记（已按标记读取检查，可转换为规范格式）',
    en: 'a table written as HTML markup (read and checked through it; can be converted)',
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
  'file-encoding': { severity: 'warning', zh: '文件中有无法解码的字节', en: 'bytes the file encoding cannot decode' },
  'file-unreadable': {
    severity: 'error',
    zh: '工作区中的原件无法读取（扫描件、损坏的文件）',
    en: 'an original in the workspace that cannot be read (scanned, damaged)',
  },
  'text-figure': {
    severity: 'warning',
    zh: '正文中的数字与统计表不一致',
    en: 'a figure in the narrative that differs from its table cell',
  },
  'text-basis': {
    severity: 'information',
    zh: '正文中的收到申请数含上年结转（口径不同）',
    en: 'the narrative counts requests received with those carried over (another basis)',
  },
  'text-claim': { severity: 'warning', zh: '正文中的表述与统计表矛盾', en: 'a statement in the narrative that the tables contradict' },
  'text-year': {
    severity: 'warning',
    zh: '正文中的统计年度或格式文号与报告年度不符',
    en: 'a statistics year or format notice that does not fit the report year',
  },
  'table2-total': {
    severity: 'warning',
    zh: '表二：对外公开总数量小于本年新公开数量',
    en: 'table 二: total published below this year’s new publications',
  },
  'rule-making': { severity: 'warning', zh: '无规章制定权的机关填报了规章', en: 'rules (规章) reported by a body that cannot make them' },
  'fee-conflict': {
    severity: 'warning',
    zh: '第六部分关于收费的表述与统计表矛盾',
    en: 'what section 六 says about fees contradicts the tables',
  },
  'fee-silent': {
    severity: 'information',
    zh: '表三有因逾期未缴费而不再处理的申请，第六部分未说明收费情况',
    en: 'requests closed for an unpaid fee notice, and section 6 silent about fees',
  },
  'carry-mismatch': {
    severity: 'warning',
    zh: '上年结转与上一年度报告的结转下年度不一致',
    en: 'carried over differs from last year’s carried forward',
  },
  'stock-mismatch': {
    severity: 'information',
    zh: '现行有效件数与上一年度报告及本年制发、废止不衔接',
    en: 'documents in force do not follow from last year’s and this year’s issued and repealed',
  },
  'items-mismatch': {
    severity: 'information',
    zh: '表二项目数量、对外公开总数量与上一年度报告不衔接（2019年版）',
    en: 'table 二 item counts or totals do not follow from last year’s report (2019 format)',
  },
  'copied-text': { severity: 'warning', zh: '第五部分与上一年度报告几乎相同', en: 'section 五 nearly identical to last year’s' },
} as const satisfies Record<string, RuleInfo>;

export type RuleCode = keyof typeof RULES;

/** Every code, in the table's order. */
export const RULE_CODES = Object.keys(RULES) as RuleCode[];

export const DEFAULT_SEVERITY = Object.fromEntries(RULE_CODES.map((code) => [code, RULES[code].severity])) as Record<RuleCode, Severity>;
