/**
 * Every message the engine writes, Chinese first, with English. Labels of the official form are
 * quoted as they are in both languages: they are the names users see in their tables.
 */
export type Locale = 'zh' | 'en';

const MESSAGES: Record<string, { zh: string; en: string }> = {
  'sum-row': {
    zh: '「{row}」的总计应为 {expected}（自然人与各类法人或其他组织之和），填写的是 {actual}',
    en: 'The total of “{row}” should be {expected} (the sum of the applicant columns), but {actual} is stated',
  },
  'sum-results': {
    zh: '「{col}」列的（七）总计应为 {expected}（本年度办理结果各项之和），填写的是 {actual}',
    en: 'In column “{col}”, （七）总计 should be {expected} (the sum of this year’s results), but {actual} is stated',
  },
  'sum-balance': {
    zh: '「{col}」列不平衡：新收 {new} + 上年结转 {carry} 应等于办理结果总计 {total} + 结转下年度，结转下年度应为 {expected}，填写的是 {actual}',
    en: 'Column “{col}” does not balance: new {new} + carried over {carry} must equal results total {total} + carried forward, so carried forward should be {expected}, but {actual} is stated',
  },
  'sum-review': {
    zh: '「{group}」的总计应为 {expected}（结果维持、结果纠正、其他结果、尚未审结之和），填写的是 {actual}',
    en: 'The total of “{group}” should be {expected} (maintained + corrected + other + pending), but {actual} is stated',
  },
  'cell-blank': {
    zh: '「{row}」·「{col}」没有填写：应填写数字，没有的填 0',
    en: '“{row}” · “{col}” is blank: write a number (0 when there is none)',
  },
  'cell-invalid': {
    zh: '「{raw}」不是有效的数值（{reason}）：「{row}」·「{col}」',
    en: '“{raw}” is not a valid value ({reason}): “{row}” · “{col}”',
  },
  'reason.placeholder': { zh: '没有的应填 0，不用“/”“-”“无”等符号', en: 'write 0, not a placeholder such as / - 无' },
  'reason.ocr-letter': { zh: '含有形似数字的字母，可能是识别错误', en: 'letters that look like digits, probably OCR damage' },
  'reason.split-digits': { zh: '数字之间有空格，可能是识别错误', en: 'digits split by a space, probably OCR damage' },
  'reason.negative': { zh: '件数不能为负数', en: 'a count cannot be negative' },
  'reason.fraction': { zh: '件数应为整数', en: 'a count must be a whole number' },
  'reason.too-large': { zh: '数值过大', en: 'the number is too large' },
  'reason.unit': { zh: '此处不应写单位或单位不对', en: 'no unit belongs here, or the unit is wrong' },
  'reason.not-a-number': { zh: '不是数字', en: 'not a number' },
  'cell-count': {
    zh: '「{row}」有 {found} 个数据单元格，格式要求 {expected} 个',
    en: '“{row}” has {found} value cells; the format has {expected}',
  },
  'cell-count.extra': {
    zh: '多余的单元格「{raw}」：「{row}」只有 {expected} 列数据',
    en: 'Extra cell “{raw}”: “{row}” has only {expected} value columns',
  },
  'amount-unit': {
    zh: '采购总金额「{raw}」没有写明单位（元或万元），金额含义不明确',
    en: 'The procurement amount “{raw}” has no unit (元 or 万元), so its meaning is ambiguous',
  },
  'format-version': {
    zh: '{year}年度报告应使用{expected}年版格式（{notice}），但统计表格是{actual}年版格式',
    en: 'A report for {year} should use the {expected} format ({notice}), but its tables are in the {actual} format',
  },
  'section-missing': {
    zh: '缺少第{num}部分「{heading}」',
    en: 'Section {num} “{heading}” is missing',
  },
  'section-order': {
    zh: '第{num}部分「{heading}」的位置不对：应在「{before}」之前',
    en: 'Section {num} “{heading}” is out of order: it belongs before “{before}”',
  },
  'section-order.duplicate': {
    zh: '第{num}部分「{heading}」重复出现',
    en: 'Section {num} “{heading}” appears a second time',
  },
  'section-heading': {
    zh: '标题「{text}」不是规范表述，应为「{official}」',
    en: 'Heading “{text}” is not the official wording “{official}”',
  },
  'section-heading.punctuation': {
    zh: '标题「{text}」的编号或标点与规范表述「{official}」不同',
    en: 'Heading “{text}” differs from the official “{official}” in numbering or punctuation',
  },
  'section-empty': {
    zh: '第{num}部分「{heading}」没有内容',
    en: 'Section {num} “{heading}” is empty',
  },
  'row-missing': {
    zh: '{table}缺少行「{label}」',
    en: '{table} lacks the row “{label}”',
  },
  'row-missing.table': {
    zh: '第{num}部分「{heading}」缺少统计表格',
    en: 'Section {num} “{heading}” has no statistics table',
  },
  'row-unknown': {
    zh: '无法识别的表格内容「{text}」：不是{table}的规范行',
    en: 'Unrecognised table content “{text}”: not a row of {table}',
  },
  'row-unknown.duplicate': {
    zh: '行「{label}」重复出现',
    en: 'The row “{label}” appears a second time',
  },
  'row-unknown.unlabelled': {
    zh: '这些数值前没有可识别的行标签（{table}）',
    en: 'These values have no recognisable row label ({table})',
  },
  'label-variant': {
    zh: '「{text}」不是规范表述，应为「{official}」',
    en: '“{text}” is not the official wording “{official}”',
  },
  'label-variant.punctuation': {
    zh: '「{text}」的编号、括号或引号与规范表述「{official}」不同',
    en: '“{text}” differs from the official “{official}” in numbering, brackets or quotes',
  },
  'rule-skipped': {
    zh: '未能检查「{rule}」（{what}）：{col}缺少{missing}',
    en: 'Not checked: {rule} ({what}), {col}: {missing} missing',
  },
  'rule-skipped.allColumns': { zh: '各列', en: 'every column' },
  'rule-skipped.year': { zh: '报告年度', en: 'the report year' },
  'rule-skipped.formatEvidence': { zh: '能判断格式版本的表二、表三栏目', en: 'table 二/三 wording that tells the format version' },
  'cell-suspect': {
    zh: '{cell}很可能填错：应为 {expected}（改后本表各项勾稽关系全部成立）',
    en: '{cell} is probably wrong: it should be {expected} (with that change every sum of this table holds)',
  },
  'cell-suspect.with': {
    zh: '{cell}很可能填错：应为 {expected}（连同{others}一并改后，本表各项勾稽关系全部成立）',
    en: '{cell} is probably wrong: it should be {expected} (changed together with {others}, every sum of this table holds)',
  },
  'cell-suspect.fill': {
    zh: '{cell}没有有效数值：按勾稽关系应为 {expected}（填后本表各项勾稽关系全部成立）',
    en: '{cell} holds no valid number: the sums say it should be {expected} (filled in, every sum of this table holds)',
  },
  'cell-suspect.fill.with': {
    zh: '{cell}没有有效数值：按勾稽关系应为 {expected}（连同{others}一并改后，本表各项勾稽关系全部成立）',
    en: '{cell} holds no valid number: the sums say it should be {expected} (together with {others}, every sum of this table holds)',
  },
  explained: { zh: '；可由{cells}填错解释', en: '; explained by the suspect {cells}' },
  'repair-ambiguous': {
    zh: '{table}的勾稽关系错误有 {count} 种同样少的改法，无法确定是哪些单元格填错（不作推荐）：{alternatives}',
    en: 'The sums of {table} can be repaired in {count} equally small ways, so the wrong cells cannot be named (none is preferred): {alternatives}',
  },
  'repair-limit': {
    zh: '{table}有 {broken} 处勾稽关系不成立，错误太多，无法在限定范围内确定填错的单元格',
    en: '{table} has {broken} broken sums: too many to name the wrong cells within the search bound',
  },
  'repair.change': { zh: '{cell}改为 {value}', en: '{cell} → {value}' },
  'repair.undetermined': { zh: '{cell}（数值无法确定）', en: '{cell} (value not determined)' },
  'repair.and': { zh: '、', en: ', ' },
  'repair.more': { zh: '；等', en: '; and more' },
  'related.rule': {
    zh: '{total}：{rule}，填写 {stated}，计算为 {expected}；改后均为 {after}',
    en: '{total}: {rule}, stated {stated}, computed {expected}; after the change both are {after}',
  },
  'rule.sum-row': { zh: '总计 = 各类申请人之和', en: 'total = sum of the applicant columns' },
  'rule.sum-results': { zh: '（七）总计 = 各项办理结果之和', en: '（七）总计 = sum of the results' },
  'rule.sum-balance': { zh: '新收 + 上年结转 = 办理结果总计 + 结转下年度', en: 'new + carried over = results total + carried forward' },
  'rule.sum-review': { zh: '总计 = 维持 + 纠正 + 其他 + 尚未审结', en: 'total = maintained + corrected + other + pending' },
  'hover.suspect': {
    zh: '{cell}很可能填错：填写 {written}，应为 {expected}',
    en: '{cell} is probably wrong: {written} is written, {expected} fits',
  },
  'hover.rule': { zh: '勾稽关系', en: 'Rule' },
  'hover.before': { zh: '现在（填写 vs 计算）', en: 'Now (stated vs computed)' },
  'hover.after': { zh: '改后', en: 'After the change' },
  'hover.together': { zh: '需一并修改：{cells}', en: 'Changed together: {cells}' },
  'table.2': { zh: '表二（主动公开政府信息情况）', en: 'table 二 (proactive disclosure)' },
  'table.3': { zh: '表三（收到和处理政府信息公开申请情况）', en: 'table 三 (requests received and handled)' },
  'table.4': { zh: '表四（行政复议、行政诉讼情况）', en: 'table 四 (administrative review and litigation)' },
  'related.addend': { zh: '加数：{label} = {value}', en: 'addend: {label} = {value}' },
  'related.subtrahend': { zh: '减数：{label} = {value}', en: 'subtracted: {label} = {value}' },
  'related.formatEvidence': { zh: '表格为{format}年版格式的依据', en: 'why the tables are in the {format} format' },
  'related.firstOccurrence': { zh: '第一次出现在这里', en: 'first seen here' },
  // ---- code-action titles
  'action.setTotal': { zh: '将合计改为计算值 {value}', en: 'Set the total to the computed sum {value}' },
  'action.insertSection': { zh: '插入缺少的一节：{heading}', en: 'Insert the missing section {heading}' },
  'action.insertTable': { zh: '插入缺少的统计表格：{heading}', en: 'Insert the missing table of {heading}' },
  'action.insertRow': { zh: '插入缺少的行：{label}', en: 'Insert the missing row {label}' },
  'action.official': { zh: '改为规范表述：{official}', en: 'Use the official wording {official}' },
  'action.zero': { zh: '填写 0', en: 'Fill in 0' },
  'action.fixSums': { zh: '修正所有可修正的合计', en: 'Fix every total that can be fixed' },
  'action.fixAll': { zh: '修正本文件所有可修正的问题', en: 'Fix all auto-fixable problems in this file' },
  'action.fillBlanks': { zh: '把空白单元格全部填 0', en: 'Fill all blank cells with 0' },
  'action.repair': { zh: '按最少改动修正：{what}', en: 'Apply the smallest repair: {what}' },
  'action.repairAlternative': { zh: '改法{n}（多种同样少的改法之一）：{what}', en: 'Repair {n} (one of several equally small): {what}' },
  // ---- the language server's own messages
  'server.large': {
    zh: '“{name}”大小为 {mb} MB，超过 xxgk.maxFileSizeMB（{limit} MB）：只在打开和保存时于后台检查，编辑时不实时检查。',
    en: '{name} is {mb} MB, more than xxgk.maxFileSizeMB ({limit} MB): it is checked in the background when opened or saved, not as you type.',
  },
  'server.tooLarge': {
    zh: '此文件超过 {limit} MB，不进行检查。可用命令行工具检查（xxgk check）。',
    en: 'This document is larger than {limit} MB and is not checked. Check it with the command line (xxgk check).',
  },
  'server.failed': { zh: '无法检查此报告（{reason}）。', en: 'This report could not be checked ({reason}).' },
};

/** The message for an id in a locale, with {placeholders} filled in. Unknown ids come back as the id. */
export function localize(id: string, args: Record<string, string | number> = {}, locale: Locale = 'zh'): string {
  const entry = MESSAGES[id];
  if (!entry) return id;
  return entry[locale].replace(/\{(\w+)\}/g, (m, name: string) => (name in args ? String(args[name]) : m));
}

export function hasMessage(id: string): boolean {
  return id in MESSAGES;
}
