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
    en: 'In column “{col}”, “（七）总计” should be {expected} (the sum of this year’s results), but {actual} is stated',
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
  'reason.placeholder': { zh: '没有的应填 0，不用“/”“-”“无”等符号', en: 'write 0, not a placeholder such as “/”, “-” or “无”' },
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
    en: 'The procurement amount “{raw}” has no unit (“元” or “万元”), so its meaning is ambiguous',
  },
  'format-version': {
    zh: '{year}年度报告应使用{expected}年版格式（{notice}），但统计表格是{actual}年版格式',
    en: 'A report for {year} should use the {expected} format (“{notice}”), but its tables are in the {actual} format',
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
  'row-unknown.byOrder': {
    zh: '这些数值前后都没有行标签，按表格的行序读作「{label}」（{table}）',
    en: 'These values have no row label; read by the table’s row order as “{label}” ({table})',
  },
  'row-unknown.scattered': {
    zh: '{table}的数值在文本中次序打乱（PDF 的阅读顺序），已按各组总计和组名的位置读出，请与原件核对',
    en: 'The figures of {table} are out of order in this text (a PDF’s reading order); read by each group’s total and where the group names stand: compare with the original',
  },
  'row-unknown.scatteredGuess': {
    zh: '{table}的数值在文本中次序打乱（PDF 的阅读顺序），已按各组总计读出；两组以上无法从文本确定归属，按组名最近的位置读出，请与原件核对',
    en: 'The figures of {table} are out of order in this text (a PDF’s reading order), read by each group’s total; which group is which the text cannot tell for sure, taken from the nearest group name: compare with the original',
  },
  'row-unknown.tail': {
    zh: '{table}的最后 {count} 个数值在文本中位于后文的页码之后（PDF 的阅读顺序），已读作该表的数值，请与原件核对',
    en: 'The last {count} figures of {table} stand after a page number further down in this text (a PDF’s reading order); read as the table’s: compare with the original',
  },
  'label-variant': {
    zh: '「{text}」不是规范表述，应为「{official}」',
    en: '“{text}” is not the official wording “{official}”',
  },
  'label-variant.wrapped': {
    zh: '「{text}」与上下相邻行的标签连起来正是规范表述，只是标签跨行时分错了行（PDF 或 Word 表格中的折行）；规范表述为「{official}」',
    en: '“{text}” and the labels of the rows next to it join into exactly the official wording; only the line breaks of a label wrapped in its cell went to the wrong row (a PDF’s or a Word table’s layout): the official wording is “{official}”',
  },
  'label-variant.punctuation': {
    zh: '「{text}」的编号、括号或引号与规范表述「{official}」不同',
    en: '“{text}” differs from the official “{official}” in numbering, brackets or quotes',
  },
  'section-order.tableOutside': {
    zh: '{table}不在第{num}部分「{heading}」之下：已在此处读取',
    en: '{table} is not under section {num} “{heading}”: read where it stands',
  },
  'table-markup': {
    zh: '此表格是 HTML 标记（PDF 转 Markdown 等工具这样写合并单元格）：已按标记读取和检查；转换为规范格式后才能逐格修正',
    en: 'This table is HTML markup (as PDF→Markdown converters write merged cells): it is read and checked through the markup; convert it to the canonical layout to fix its cells',
  },
  'rule-skipped': {
    zh: '未能检查「{rule}」（{what}）：{col}缺少{missing}',
    en: 'Not checked: {rule} ({what}), {col}: {missing} missing',
  },
  'rule-skipped.allColumns': { zh: '各列', en: 'every column' },
  'rule-skipped.year': { zh: '报告年度', en: 'the report year' },
  'rule-skipped.formatEvidence': { zh: '能判断格式版本的表二、表三栏目', en: 'table 2/3 wording that tells the format version' },
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
  'file-encoding': {
    zh: '此行有无法按 {encoding} 解码的字节，已显示为 �：请检查原文件',
    en: 'This line holds bytes that are not valid {encoding}, shown as �: check the original file',
  },
  'file-unreadable': { zh: '无法读取此文件：{reason}', en: 'This file cannot be read: {reason}' },
  'location.html': { zh: '网页第{line}行第{column}列', en: 'page source line {line}, column {column}' },
  'location.docx.cell': { zh: '表{table} 第{row}行第{column}列', en: 'Word table {table}, row {row}, column {column}' },
  'location.docx.paragraph': { zh: '第{paragraph}段', en: 'paragraph {paragraph}' },
  'location.pdf': { zh: '第{page}页', en: 'page {page}' },
  'table.2': { zh: '表二（主动公开政府信息情况）', en: 'table 2 (proactive disclosure)' },
  'table.3': { zh: '表三（收到和处理政府信息公开申请情况）', en: 'table 3 (requests received and handled)' },
  'table.4': { zh: '表四（行政复议、行政诉讼情况）', en: 'table 4 (administrative review and litigation)' },
  'value.blank': { zh: '（空）', en: '(blank)' },
  'value.quoted': { zh: '「{raw}」', en: '“{raw}”' },
  'related.addend': { zh: '加数：{label} = {value}', en: 'addend: {label} = {value}' },
  'related.subtrahend': { zh: '减数：{label} = {value}', en: 'subtracted: {label} = {value}' },
  'related.formatEvidence': { zh: '表格为{format}年版格式的依据', en: 'why the tables are in the {format} format' },
  'related.firstOccurrence': { zh: '第一次出现在这里', en: 'first seen here' },
  // ---- the narrative against the tables (narrative.ts, table2Rules.ts, crossYear.ts)
  'table.2.short': { zh: '表二', en: 'table 2 ' },
  'table.3.short': { zh: '表三', en: 'table 3 ' },
  'table.4.short': { zh: '表四', en: 'table 4 ' },
  'related.cell': { zh: '{label} = {value}', en: '{label} = {value}' },
  'figure.received': { zh: '收到申请数', en: 'requests received' },
  'figure.carry': { zh: '上年结转数', en: 'requests carried over' },
  'figure.forward': { zh: '结转下年度数', en: 'requests carried forward' },
  'figure.handled': { zh: '办结数', en: 'requests handled' },
  'figure.granted': { zh: '予以公开数', en: '“予以公开” (granted)' },
  'figure.partial': { zh: '部分公开数', en: '“部分公开” (partly granted)' },
  'figure.grantedPartial': { zh: '予以公开及部分公开数', en: '“予以公开” and “部分公开” (granted in whole or part)' },
  'figure.denied': { zh: '不予公开数', en: '“不予公开” (refused)' },
  'figure.unable': { zh: '无法提供数', en: '“无法提供” (cannot be provided)' },
  'figure.notProcessed': { zh: '不予处理数', en: '“不予处理” (not processed)' },
  'figure.otherHandled': { zh: '其他处理数', en: '“其他处理” (other outcomes)' },
  'figure.t4.review': { zh: '行政复议', en: 'administrative reviews' },
  'figure.t4.litigation': { zh: '行政诉讼', en: 'lawsuits' },
  'figure.t4.direct': { zh: '行政诉讼（未经复议直接起诉）', en: 'lawsuits without review' },
  'figure.t4.post': { zh: '行政诉讼（复议后起诉）', en: 'lawsuits after review' },
  'text-figure': {
    zh: '正文中{what}写作 {actual}，统计表中为 {expected}（{cell}）',
    en: 'The narrative gives {what} as {actual}; the table has {expected} ({cell})',
  },
  'text-figure.percent': {
    zh: '正文中{what}的占比写作 {actual}%，按统计表应为 {expected}%（{count} ÷ {base}）',
    en: 'The narrative gives the share of {what} as {actual}%; the tables give {expected}% ({count} ÷ {base})',
  },
  // ---- narrative figures of this round: who applied, the items of table 三, shares in words
  'figure.applicant.naturalPerson': { zh: '自然人申请数', en: 'requests from “自然人” (natural persons)' },
  'figure.applicant.legal': { zh: '法人或其他组织申请数', en: 'requests from “法人或其他组织” (legal persons and other organisations)' },
  'figure.applicant.commercial': { zh: '商业企业申请数', en: 'requests from “商业企业” (businesses)' },
  'figure.applicant.research': { zh: '科研机构申请数', en: 'requests from “科研机构” (research institutions)' },
  'figure.applicant.publicWelfare': { zh: '社会公益组织申请数', en: 'requests from “社会公益组织” (public-interest organisations)' },
  'figure.applicant.legalService': { zh: '法律服务机构申请数', en: 'requests from “法律服务机构” (legal service providers)' },
  'text-figure.percentWords': {
    zh: '正文中{what}的占比写作“{actual}”，按统计表应为“{expected}”（{count} ÷ {base} = {exact}%）',
    en: 'The narrative gives the share of {what} as “{actual}”; the tables give “{expected}” ({count} ÷ {base} = {exact}%)',
  },
  'text-basis': {
    zh: '正文中收到申请 {actual} 件是本年新收 {new} 件与上年结转 {carry} 件之和：与表三“本年新收”口径不同',
    en: 'The narrative’s {actual} requests received are new {new} plus carried over {carry}: another basis than table 3’s “new this year”',
  },
  'text-claim.noRequest': {
    zh: '正文称“{claim}”，但表三本年新收申请为 {value} 件',
    en: 'The narrative says “{claim}”, but table 3 has {value} new requests',
  },
  'text-claim.noCase': {
    zh: '正文称“{claim}”，但表四中有 {value} 件',
    en: 'The narrative says “{claim}”, but table 4 has {value} cases',
  },
  'text-claim.allMaintained': {
    zh: '正文称“{claim}”，但表四中结果纠正、其他结果或尚未审结共 {value} 件',
    en: 'The narrative says “{claim}” (all upheld), but table 4 has {value} corrected, other or pending',
  },
  'text-claim.noForward': {
    zh: '正文称“{claim}”，但表三结转下年度继续办理 {value} 件',
    en: 'The narrative says “{claim}” (nothing carried forward), but table 3 carries {value} forward',
  },
  'text-claim.noCarry': {
    zh: '正文称“{claim}”，但表三上年结转 {value} 件',
    en: 'The narrative says “{claim}” (nothing carried over), but table 3 has {value} carried over',
  },
  'text-claim.allHandled': {
    zh: '正文称“{claim}”，但表三结转下年度继续办理 {value} 件',
    en: 'The narrative says “{claim}” (all handled), but table 3 carries {value} forward',
  },
  'text-claim.noFee': {
    zh: '正文称“{claim}”，但统计表中有收费：{value}',
    en: 'The narrative says “{claim}” (no fee), but the tables show fees: {value}',
  },
  'fee-silent': {
    zh: '表三有 {value} 件申请因申请人逾期未按收费通知要求缴纳费用而不再处理，但第六部分未说明信息处理费的收取情况',
    en: 'Table 3 closes {value} requests because the applicant did not pay a fee notice, but section 6 says nothing about fees (“信息处理费”)',
  },
  'text-year': {
    zh: '正文中的统计年度 {found} 年与报告年度 {year} 年不符',
    en: 'The narrative’s statistics year {found} is not the report year {year}',
  },
  'text-year.notice': {
    zh: '{year}年度报告应依据国办公开办函〔2021〕30号格式，正文引用的是已被替代的{cited}',
    en: 'A {year} report follows the format of “国办公开办函〔2021〕30号”; the narrative cites the superseded {cited}',
  },
  'table2-total': {
    zh: '「{row}」的对外公开总数量 {total} 小于本年新公开数量 {published}',
    en: '“{row}”: total published {total} is below this year’s new publications {published}',
  },
  'rule-making': {
    zh: '{body}没有规章制定权（只有国务院部门、省级人民政府和设区的市人民政府可以制定规章），表二“规章”应为 0，填写的是 {value}',
    en: '“{body}” cannot make rules (“规章”: only State Council departments, provincial and districted-city governments can), so table 2’s “规章” should be 0, but {value} is stated',
  },
  'related.title': { zh: '报告标题（发布机关）', en: 'the report title (issuing body)' },
  'carry-mismatch': {
    zh: '「{col}」列上年结转 {actual}，与{prevYear}年度报告的结转下年度继续办理 {expected} 不一致',
    en: 'Column “{col}”: carried over {actual}, but the {prevYear} report carried {expected} forward',
  },
  'stock-mismatch': {
    zh: '「{row}」现行有效件数 {actual}，按{prevYear}年度报告的 {previous} + 本年制发 {made} − 本年废止 {repealed} 应为 {expected}',
    en: '“{row}”: {actual} in force, but the {prevYear} report’s {previous} + issued {made} − repealed {repealed} gives {expected}',
  },
  'items-mismatch': {
    zh: '「{row}」{col} {actual}，按{prevYear}年度报告应为 {expected}',
    en: '“{row}” {col} is {actual}; from the {prevYear} report it should be {expected}',
  },
  'copied-text': {
    zh: '第五部分与{prevYear}年度报告的第五部分几乎相同（相似度 {percent}%）：存在的问题及改进情况应针对本年度',
    en: 'Section 5 is nearly identical to the {prevYear} report’s ({percent}% alike): problems and improvements should be this year’s',
  },
  'related.previous': { zh: '{prevYear}年度报告：{label} = {value}', en: '{prevYear} report: {label} = {value}' },
  'related.previousSection': { zh: '{prevYear}年度报告的第五部分', en: 'section 5 of the {prevYear} report' },
  // ---- hovers
  'hover.rule.sum-balance': {
    zh: '勾稽关系：第一项加第二项之和，等于第三项加第四项之和',
    en: 'Balance: item 1 + item 2 = item 3 + item 4',
  },
  'hover.rule.sum-results': { zh: '（七）总计 = 各项办理结果之和', en: '(7) Total = sum of the handling results' },
  'hover.rule.sum-row': { zh: '总计 = 各类申请人之和', en: 'Total = sum of the applicant columns' },
  'hover.rule.sum-review': { zh: '总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结', en: 'Total = upheld + corrected + other + pending' },
  'hover.row': { zh: '行', en: 'Row' },
  'hover.column': { zh: '列', en: 'Column' },
  'hover.value': { zh: '数值', en: 'Value' },
  'hover.summary': {
    zh: '计算值：**{expected}** · 填报值：**{stated}** · 差额：{difference} · {verdict}',
    en: 'Computed: **{expected}** · Stated: **{stated}** · Difference: {difference} · {verdict}',
  },
  'hover.derivation': {
    zh: '计算值：**{expected}** = {terms}  \n填报值：**{stated}** · 差额：{difference} · {rule}',
    en: 'Computed: **{expected}** = {terms}  \nStated: **{stated}** · Difference: {difference} · {rule}',
  },
  'hover.figure': { zh: '**{what}**：{raw}', en: '**{what}**: {raw}' },
  'hover.figure.share': { zh: '**{what}**（占比）：{raw}%', en: '**{what}** (share): {raw}%' },
  'hover.figure.agrees': { zh: '✓ 与统计表一致', en: '✓ agrees with the tables' },
  'hover.figure.differs': { zh: '✗ 统计表为 {value}', en: '✗ the tables have {value}' },
  'hover.figure.cell': { zh: '单元格', en: 'Cell' },
  'hover.holds': { zh: '✓ 成立', en: '✓ holds' },
  'hover.fails': { zh: '✗ 不成立', en: '✗ does not hold' },
  'hover.written': { zh: '报告中写作：{text}', en: 'Written as “{text}”' },
  'hover.section': { zh: '本节应包含：{contents}', en: 'This section must contain: {contents}' },
  'hover.section.1': {
    zh: '叙述本年度政府信息公开工作总体情况，通常分（一）主动公开、（二）依申请公开、（三）政府信息管理、（四）平台建设、（五）监督保障。',
    en: 'A narrative of the year’s disclosure work, usually under (1) proactive disclosure, (2) disclosure on request, (3) information management, (4) platforms, (5) supervision.',
  },
  'hover.section.2': { zh: '表二（{version} 版）：{tables}', en: 'Table 2 ({version} format): {tables}' },
  'hover.section.2.table': { zh: '{caption}（{columns}；{rows}）', en: '{caption} (columns {columns}; rows {rows})' },
  'hover.section.3': {
    zh: '表三（{version} 版）：{rows} 行 × {count} 列（{columns}），第一项加第二项之和等于第三项加第四项之和。',
    en: 'Table 3 ({version} format): {rows} rows × {count} columns ({columns}); item 1 + item 2 = item 3 + item 4.',
  },
  'hover.section.4': {
    zh: '表四：行政复议、行政诉讼（未经复议直接起诉、复议后起诉）三组，每组 {columns}，共 15 个数。',
    en: 'Table 4: administrative review and litigation (direct, after review), each with {columns}: 15 numbers.',
  },
  'hover.section.5': { zh: '存在的主要问题及改进情况，不得为空。', en: 'The main problems and the improvements made; must not be empty.' },
  'hover.section.6': {
    zh: '其他需要报告的事项；2021 版起通常说明收取信息处理费的情况。',
    en: 'Other matters to report; from the 2021 format usually the information processing fees collected.',
  },
  'list.separator': { zh: '、', en: ', ' },
  'list.groupSeparator': { zh: '；', en: '; ' },
  // ---- completion details and symbols
  'completion.table2': { zh: '表二', en: 'Table 2' },
  'completion.table3': { zh: '表三', en: 'Table 3' },
  'completion.table3.group': { zh: '表三 分组', en: 'Table 3 group' },
  'completion.table3.column': { zh: '表三 列', en: 'Table 3 column' },
  'completion.table4': { zh: '表四', en: 'Table 4' },
  'completion.table4.group': { zh: '表四 {parent}', en: 'Table 4, {parent}' },
  'completion.table4.column': { zh: '表四 列', en: 'Table 4 column' },
  'completion.section.present': { zh: '已有此节', en: 'Section already present' },
  'completion.section.missing': { zh: '缺少此节', en: 'Section missing' },
  'completion.skeleton': { zh: '{heading}（骨架）', en: '{heading} (skeleton)' },
  'completion.skeleton.narrative': { zh: '标题与占位段落', en: 'Heading and a placeholder paragraph' },
  'completion.skeleton.table': { zh: '标题与零值表格', en: 'Heading and a table of zeros' },
  'symbol.table2': { zh: '表二', en: 'Table 2' },
  'symbol.table3': { zh: '表三', en: 'Table 3' },
  'symbol.table4': { zh: '表四', en: 'Table 4' },
  // ---- glossary: short explanations of official labels (hovers, completion documentation)
  'glossary.属于国家秘密': {
    zh: '依《政府信息公开条例》第十四条，依法确定为国家秘密的政府信息不予公开。',
    en: 'Information lawfully classified as a state secret is not disclosed (Regulations on Open Government Information, art. 14).',
  },
  'glossary.其他法律行政法规禁止公开': {
    zh: '依条例第十四条，法律、行政法规禁止公开的政府信息不予公开。',
    en: 'Information whose disclosure laws or administrative regulations forbid is not disclosed (art. 14).',
  },
  'glossary.危及“三安全一稳定”': {
    zh: '国家安全、公共安全、经济安全、社会稳定（条例第十四条）：公开后可能危及其一的信息不予公开。',
    en: 'National, public or economic security, social stability (art. 14): information whose disclosure may endanger one of them is not disclosed.',
  },
  'glossary.保护第三方合法权益': {
    zh: '涉及商业秘密、个人隐私等，公开会损害第三方合法权益的信息（条例第十五条）。',
    en: 'Trade secrets, personal privacy and the like: information whose disclosure would harm a third party’s lawful rights (art. 15).',
  },
  'glossary.属于三类内部事务信息': {
    zh: '人事管理、后勤管理、内部工作流程等内部事务信息（条例第十六条第一款）。',
    en: 'Internal affairs: personnel and logistics management, internal workflows (art. 16, para. 1).',
  },
  'glossary.属于四类过程性信息': {
    zh: '讨论记录、过程稿、磋商信函、请示报告等过程性信息（条例第十六条第二款）。',
    en: 'Process information: minutes of discussions, drafts, consultation letters, requests for instructions (art. 16, para. 2).',
  },
  'glossary.属于行政执法案卷': {
    zh: '行政执法案卷信息，与过程性信息同属条例第十六条第二款。',
    en: 'Administrative law-enforcement case files; like process information under art. 16, para. 2.',
  },
  'glossary.属于行政查询事项': {
    zh: '工商、不动产登记资料等，有关法律、行政法规对查询另有规定的信息（条例第三十六条第七项）。',
    en: 'Business or real-estate registration records and the like, whose consultation other laws regulate (art. 36, item 7).',
  },
  'glossary.本机关不掌握相关政府信息': {
    zh: '经检索没有所申请的政府信息（条例第三十六条第四项）。',
    en: 'A search found none of the information requested (art. 36, item 4).',
  },
  'glossary.没有现成信息需要另行制作': {
    zh: '申请的信息需要行政机关对现有信息加工、分析才能形成，不属于公开义务（条例第三十八条）。',
    en: 'The information would have to be produced by processing or analysing existing information, which disclosure does not require (art. 38).',
  },
  'glossary.补正后申请内容仍不明确': {
    zh: '申请内容不明确，经告知补正后仍不明确的（条例第三十条）。',
    en: 'The request was unclear and still is after the applicant was asked to complete it (art. 30).',
  },
  'glossary.信访举报投诉类申请': {
    zh: '以政府信息公开申请形式进行信访、投诉、举报的，告知通过相应渠道提出（条例第三十九条）。',
    en: 'Petitions, complaints or reports made in the form of a disclosure request are referred to the proper channel (art. 39).',
  },
  'glossary.重复申请': {
    zh: '申请人重复申请同一信息，行政机关已经答复过的（条例第三十六条第六项）。',
    en: 'The applicant asked again for information already answered (art. 36, item 6).',
  },
  'glossary.要求提供公开出版物': {
    zh: '要求提供政府公报、报刊、书籍等公开出版物的，可告知获取途径（条例第三十九条）。',
    en: 'Requests for published material (government gazettes, newspapers, books) are told where to obtain it (art. 39).',
  },
  'glossary.无正当理由大量反复申请': {
    zh: '申请数量、频次明显超过合理范围的（条例第三十五条）。',
    en: 'Requests whose number or frequency clearly exceeds a reasonable range (art. 35).',
  },
  'glossary.要求行政机关确认或重新出具已获取信息': {
    zh: '要求确认或重新出具申请人已经获取的信息的（条例第三十九条）。',
    en: 'Requests to confirm or issue again information the applicant already has (art. 39).',
  },
  'glossary.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请': {
    zh: '未在规定期限内补正的，视为放弃申请（条例第三十条），2021年格式单列。',
    en: 'A request not completed within the time allowed counts as withdrawn (art. 30); a row of its own from the 2021 format.',
  },
  'glossary.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请': {
    zh: '未按信息处理费收费通知缴费的（条例第四十二条），2021年格式单列。',
    en: 'The information processing fee was not paid as notified (art. 42); a row of its own from the 2021 format.',
  },
  'glossary.部分公开（区分处理的，只计这一情形，不计其他情形）': {
    zh: '对申请作区分处理、部分公开的（条例第三十七条），只计入本项。',
    en: 'Requests handled in parts and partly disclosed (art. 37): counted here only.',
  },
  'glossary.予以公开': { zh: '所申请的信息全部公开的。', en: 'All the information requested was disclosed.' },
  'glossary.其他处理': { zh: '不属于以上各项的其他处理结果。', en: 'Any other result than the ones above.' },
  'glossary.总计': { zh: '本列或本行各项之和。', en: 'The sum of the items of this column or row.' },
  'glossary.本年新收政府信息公开申请数量': { zh: '本年度新收到的申请件数。', en: 'Requests received this year.' },
  'glossary.上年结转政府信息公开申请数量': {
    zh: '上一年度未办结、结转到本年度办理的申请件数，应等于上年报告的“结转下年度继续办理”。',
    en: 'Requests not concluded last year and carried over to this one; must equal last year’s “结转下年度继续办理”.',
  },
  'glossary.结转下年度继续办理': {
    zh: '本年度未办结、结转到下一年度办理的申请件数。勾稽关系：新收＋上年结转＝办理结果总计＋结转下年度。',
    en: 'Requests not concluded this year, carried forward to the next. Balance: new + carried over = results total + carried forward.',
  },
  'glossary.本年度办理结果': { zh: '本年度办结的申请按办理结果分类统计。', en: 'Requests concluded this year, counted by result.' },
  'glossary.行政事业性收费': {
    zh: '第二十条第（八）项：行政事业性收费项目及其依据、标准。',
    en: 'Art. 20, item 8: administrative fees, their legal basis and rates.',
  },
  'glossary.信息处理费': {
    zh: '申请数量、频次明显超过合理范围时收取的信息处理费（条例第四十二条），在第六部分报告，单位为元，不属于表二的行政事业性收费。',
    en: 'The information processing fee charged when requests clearly exceed a reasonable number or frequency (art. 42); reported in section 6, in yuan, not among the administrative fees of table 2.',
  },
  // ---- code-action titles
  'action.setTotal': { zh: '将合计改为计算值 {value}', en: 'Set the total to the computed sum {value}' },
  'action.insertSection': { zh: '插入缺少的一节：{heading}', en: 'Insert the missing section {heading}' },
  'action.insertTable': { zh: '插入缺少的统计表格：{heading}', en: 'Insert the missing table of {heading}' },
  'action.insertRow': { zh: '插入缺少的行：{label}', en: 'Insert the missing row {label}' },
  'action.official': { zh: '改为规范表述：{official}', en: 'Use the official wording {official}' },
  'action.zero': { zh: '填写 0', en: 'Fill in 0' },
  'action.narrativeFigure': { zh: '按统计表改为 {value}', en: 'Write the table’s value {value}' },
  'action.fixSums': { zh: '修正所有可修正的合计', en: 'Fix every total that can be fixed' },
  'action.convertMarkup': { zh: '将此 HTML 表格转换为规范格式', en: 'Convert this HTML table to the canonical layout' },
  'action.convertMarkupAll': { zh: '将全部 HTML 表格转换为规范格式', en: 'Convert every HTML table to the canonical layout' },
  'action.fixAll': { zh: '修正本文件所有可修正的问题', en: 'Fix all auto-fixable problems in this file' },
  'action.fillBlanks': { zh: '把空白单元格全部填 0', en: 'Fill all blank cells with 0' },
  'action.repair': { zh: '按最少改动修正：{what}', en: 'Apply the smallest repair: {what}' },
  'action.repairAlternative': { zh: '改法{n}（多种同样少的改法之一）：{what}', en: 'Repair {n} (one of several equally small): {what}' },
  // ---- the language server's own messages
  'workspace.at': { zh: '{where}：{message}', en: '{where}: {message}' },
  'workspace.tooLarge': { zh: '文件过大（{mb} MB），不予检查', en: 'The file is too large ({mb} MB) to check' },
  'server.large': {
    zh: '“{name}”大小为 {mb} MB，超过 xxgk.maxFileSizeMB（{limit} MB）：只在打开和保存时于后台检查，编辑时不实时检查。',
    en: '{name} is {mb} MB, more than xxgk.maxFileSizeMB ({limit} MB): it is checked in the background when opened or saved, not as you type.',
  },
  'server.tooLarge': {
    zh: '此文件超过 {limit} MB，不进行检查。可用命令行工具检查（xxgk check）。',
    en: 'This document is larger than {limit} MB and is not checked. Check it with the command line (xxgk check).',
  },
  'server.failed': { zh: '无法检查此报告（{reason}）。', en: 'This report could not be checked ({reason}).' },
  // ---- reading PDF files (io/pdf.ts, io/pdfHost.ts): shown in both languages, the file name after them
  'pdf.missingCMap': {
    zh: '此 PDF 的字体需要 CMap「{cmap}」，本工具只附带中文 CMap，无法读取其文字',
    en: "the PDF's font needs the CMap {cmap}, which is not bundled (only the Chinese CMaps are)",
  },
  'pdf.fastOnly': { zh: '快速 PDF 读取器不读取此文件（{reason}）', en: 'the fast PDF reader does not read this file ({reason})' },
  'pdf.encrypted': { zh: 'PDF 已加密，无法读取', en: 'the PDF is encrypted' },
  'pdf.corrupt': { zh: 'PDF 文件已损坏或不完整（{reason}）', en: 'corrupt or truncated PDF' },
  'pdf.noText': { zh: '此 PDF 没有文字层，可能是扫描件', en: 'this PDF has no text layer (a scan?)' },
  'pdf.timeout': {
    zh: '读取 PDF 超时（超过 {seconds} 秒），文件可能畸形',
    en: 'reading the PDF took over {seconds} s (a malformed file?)',
  },
  'pdf.memory': {
    zh: '读取 PDF 所需内存超过 {mb} MB，文件可能畸形',
    en: 'reading the PDF needs over {mb} MB (a malformed file?)',
  },
  'pdf.stopped': { zh: '读取 PDF 失败（{kind}）', en: 'the PDF reader stopped' },
  // ---- the command line (cli.ts, cliFix.ts, cliText.ts); command synopses are syntax, not text
  'cli.usage': { zh: '用法：', en: 'usage:' },
  'cli.usage.check': {
    zh: '检查报告文件或文件夹（递归查找其中的报告文件）',
    en: 'check report files or folders (recursing over the report files in them)',
  },
  'cli.usage.jobs': {
    zh: '--jobs N：并行检查的线程数（默认为 CPU 核数，1 为不并行）',
    en: '--jobs N: worker threads (default: one per core; 1: none)',
  },
  'cli.usage.previous': {
    zh: '--previous FILE：上一年度的报告，与之对照结转、现行有效件数等',
    en: '--previous FILE: last year’s report, to check carry-overs and stocks against',
  },
  'cli.usage.crossYear': {
    zh: '检查多个文件时，同一机关相邻年度的报告自动相互对照',
    en: 'with several files, each body’s consecutive years are checked against each other',
  },
  'cli.usage.dump': { zh: '以 JSON 输出解析得到的报告模型', en: 'print the parsed report model as JSON' },
  'cli.usage.fix': {
    zh: '按最少改动修正合计错误（唯一时）、改为规范表述；--fill-blanks 把空白单元格填 0；列出改动的每个单元格',
    en: 'apply the unique smallest repair of the sums and the official wording (--fill-blanks: blank cells to 0); prints every cell changed',
  },
  'cli.usage.fixOutput': {
    zh: '-o 写入 OUT，--write 改写 FILE，都不给时只列出',
    en: '-o writes to OUT, --write rewrites FILE, neither: only print',
  },
  'cli.usage.convert': {
    zh: '把网页（.html）、Word（.docx）或 PDF 转为规范格式的报告文本',
    en: 'convert a web page, Word or PDF report into the canonical text',
  },
  'cli.usage.export': {
    zh: '以官方表格样式导出为 Word 或网页（合并表头、行层级）',
    en: 'write the report in the official layout as Word or a web page',
  },
  'cli.usage.files': {
    zh: '文件：.xxgk .txt（UTF-8、GB18030、UTF-16）、.html .htm、.docx、.pdf',
    en: 'files: .xxgk .txt (UTF-8, GB18030, UTF-16), .html .htm, .docx, .pdf',
  },
  'cli.usage.exit': {
    zh: '退出码：0 无错误，1 有错误，2 用法错误或文件无法读取',
    en: 'exit status: 0 no errors, 1 errors found, 2 bad usage or an unreadable file',
  },
  'cli.severity.error': { zh: '错误', en: 'error' },
  'cli.severity.warning': { zh: '警告', en: 'warning' },
  'cli.severity.information': { zh: '提示', en: 'information' },
  'cli.severity.hint': { zh: '提示', en: 'hint' },
  'cli.summary': {
    zh: '检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告；{failed} 个文件有错误',
    en: '{files} file(s) checked: {errors} error(s), {warnings} warning(s); {failed} file(s) with errors',
  },
  'cli.summary.unreadable': { zh: '，{count} 个文件无法读取', en: ', {count} unreadable' },
  'cli.progress': { zh: '检查中 {done}/{total}（{percent}%，每秒 {rate} 个）', en: 'checking {done}/{total} ({percent}%, {rate}/s)' },
  'cli.exportAsync': { zh: 'export 是异步的：请用 runCli', en: 'export is asynchronous: call runCli' },
  'cli.noSuchPath': { zh: '找不到文件或文件夹：{path}', en: 'no such file or folder: {path}' },
  'cli.cannotReadFolder': { zh: '无法读取文件夹：{path}', en: 'cannot read folder: {path}' },
  'cli.needsValue': { zh: '{option} 需要一个值', en: '{option} needs a value' },
  'cli.needsFileName': { zh: '{option} 需要一个文件名', en: '{option} needs a file name' },
  'cli.jobsValue': { zh: '--jobs 需要一个正整数：{value}', en: '--jobs must be a positive whole number: {value}' },
  'cli.previousMissing': { zh: '找不到上一年度的报告（--previous）：{path}', en: 'no such file (--previous): {path}' },
  'cli.unknownOption': { zh: '未知选项：{option}', en: 'unknown option: {option}' },
  'cli.unknownCommand': { zh: '未知命令：{command}', en: 'unknown command: {command}' },
  'cli.formatValue': { zh: '--format 只能是 text 或 json：{value}', en: '--format must be text or json: {value}' },
  'cli.localeValue': { zh: '--locale 只能是 zh 或 en：{value}', en: '--locale must be zh or en: {value}' },
  'cli.toValue': { zh: '--to 只能是 docx 或 html', en: '--to must be docx or html' },
  'cli.noFiles': { zh: '没有指定要检查的文件', en: 'no files given' },
  'cli.oneFile': { zh: '{command} 需要一个文件', en: '{command} takes one file' },
  'cli.cannotWrite': { zh: '无法写入 {path}：{reason}', en: 'cannot write {path}: {reason}' },
  'cli.overwrite': { zh: '输出文件与输入相同：{path}', en: 'the output would overwrite the input: {path}' },
  'cli.quoteUnreadable': {
    zh: '（此文件已无法再次读取，未引用原文：{reason}）',
    en: '(this file can no longer be read: not quoted: {reason})',
  },
  'cli.quoteChanged': {
    zh: '（此文件在检查后已被修改，未引用原文）',
    en: '(this file has changed since it was checked: not quoted)',
  },
  'cli.workerExited': { zh: '检查线程意外退出（{code}）', en: 'a worker thread exited ({code})' },
  'fix.excludes': { zh: '-o 与 --write 不能同时使用', en: '-o and --write exclude each other' },
  'fix.cannotRead': { zh: '找不到文件或无法读取：{path}', en: 'cannot read: {path}' },
  'fix.notText': { zh: '不是文本文件：{path}', en: 'not a text file: {path}' },
  'fix.markup': {
    zh: '此文件的表格是 HTML 标记，不能直接修正：请先用 xxgk convert {path} -o 新文件.xxgk 转换，再修正新文件',
    en: 'the tables of this file are HTML markup and cannot be fixed in place: convert it first (xxgk convert {path} -o NEW.xxgk), then fix the new file',
  },
  'fix.notUtf8': {
    zh: '只能修正 UTF-8 文件（此文件不是 UTF-8，改写会改变其编码）：{path}',
    en: 'only UTF-8 files can be fixed (rewriting this one would change its encoding): {path}',
  },
  'fix.ambiguous': {
    zh: '{table}：有多种同样少的改法，未修改（见 xxgk check）',
    en: '{table}: several equally small repairs, left as it is (see xxgk check)',
  },
  'fix.limit': {
    zh: '{table}：错误太多，无法确定填错的单元格，未修改',
    en: '{table}: too many errors to name the wrong cells, left as it is',
  },
  'fix.refused.missing-layout': {
    zh: '{cell}应为 {value}，但这一行缺少单元格，无法安全插入：请手工填写',
    en: '{cell} should be {value}, but its row lacks cells and it cannot be inserted safely: write it by hand',
  },
  'fix.refused.no-room': {
    zh: '{cell}应为 {value}，但这个空白单元格紧挨着其他文字，无法安全填写：请手工填写',
    en: '{cell} should be {value}, but the blank cell touches other text and cannot be written safely: write it by hand',
  },
  'fix.refused.row-doubtful': {
    zh: '{cell}应为 {value}，但这一行读到的数值比格式多，哪些属于这一行无法确定：请手工填写',
    en: '{cell} should be {value}, but its row holds more figures than the format has and which are its own cannot be told: write it by hand',
  },
  'fix.refused.no-cell': {
    zh: '{cell}应为 {value}，但文中找不到这个单元格：请手工填写',
    en: '{cell} should be {value}, but the cell is not in the text: write it by hand',
  },
  'fix.worse': { zh: '修正后错误反而增多，未写入任何文件', en: 'the fixes would add errors: nothing written' },
  'fix.nothing': { zh: '没有可以安全修正的内容', en: 'nothing that can be fixed safely' },
  'fix.written': { zh: '已写入 {path}（{count} 处修改）', en: 'written to {path} ({count} change(s))' },
  'fix.dryRun': {
    zh: '共 {count} 处修改；未写入（用 -o 文件 或 --write 写入）',
    en: '{count} change(s); nothing written (use -o FILE or --write)',
  },
};

/** The message for an id in a locale, with {placeholders} filled in. Unknown ids come back as the id. */
/** Each message split once at its placeholders: text, name, text, name, …, text. */
const COMPILED: Record<Locale, Map<string, string[]>> = { zh: new Map(), en: new Map() };

export function localize(id: string, args: Record<string, string | number> = {}, locale: Locale = 'zh'): string {
  let parts = COMPILED[locale].get(id);
  if (!parts) {
    const entry = MESSAGES[id];
    if (!entry) return id;
    parts = entry[locale].split(/\{(\w+)\}/);
    COMPILED[locale].set(id, parts);
  }
  let out = parts[0];
  for (let k = 1; k < parts.length; k += 2) {
    const name = parts[k];
    out += (name in args ? String(args[name]) : `{${name}}`) + parts[k + 1];
  }
  return out;
}

/** A message in both languages, Chinese first (for errors raised where the user's locale is not known). */
export function bilingual(id: string, args: Record<string, string | number> = {}): string {
  return `${localize(id, args, 'zh')} / ${localize(id, args, 'en')}`;
}

export function hasMessage(id: string): boolean {
  return id in MESSAGES;
}

/** Every message id (for the test that renders them all in both locales). */
export function messageIds(): string[] {
  return Object.keys(MESSAGES);
}

/** The glossary's explanation of an official label (numbering stripped before the look-up), or undefined. */
export function glossary(label: string, locale: Locale = 'zh'): string | undefined {
  const bare = label.replace(/^(?:\d+[.．、]|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)/, '');
  for (const key of [bare, label]) if (hasMessage(`glossary.${key}`)) return localize(`glossary.${key}`, {}, locale);
  return undefined;
}
