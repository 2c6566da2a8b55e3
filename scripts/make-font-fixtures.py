# Builds the small CFF-flavoured OpenType fonts of test/fixtures/fonts/ (ASCII and a few Chinese glyphs, boxes for
# outlines): python3 scripts/make-font-fixtures.py 1000 test/fixtures/fonts/test-cff-1000.otf (and 2048). Needs
# fontTools (Debian: apt-get install python3-fonttools).
import sys
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
upm = int(sys.argv[1]); out = sys.argv[2]
chars = [chr(c) for c in range(0x20, 0x7f)] + list('中文年报告政府信息公开一二三四五六七八九十')
names = ['.notdef'] + ['uni%04X' % ord(c) for c in chars]
cmap = {ord(c): 'uni%04X' % ord(c) for c in chars}
fb = FontBuilder(upm, isTTF=False)
fb.setupGlyphOrder(names)
fb.setupCharacterMap(cmap)
cs = {}; metrics = {}
for i, n in enumerate(names):
    w = int(upm * (0.4 + (i * 37 % 300) / 1000)) if i and ord(chr(int(n[3:], 16))) < 0x2e80 else upm
    pen = T2CharStringPen(w, None)
    if n not in ('.notdef', 'uni0020'):
        pen.moveTo((upm // 20, 0)); pen.lineTo((w - upm // 20, 0)); pen.lineTo((w - upm // 20, upm * 7 // 10)); pen.lineTo((upm // 20, upm * 7 // 10)); pen.closePath()
    cs[n] = pen.getCharString(); metrics[n] = (w, upm // 20)
fb.setupCFF('TestCFF-Regular', {'FullName': 'TestCFF'}, cs, {})
fb.setupHorizontalMetrics(metrics)
fb.setupHorizontalHeader(ascent=upm * 8 // 10, descent=-upm // 5)
fb.setupNameTable({'familyName': 'TestCFF', 'styleName': 'Regular'})
fb.setupOS2(sTypoAscender=upm * 8 // 10, usWinAscent=upm * 8 // 10, usWinDescent=upm // 5)
fb.setupPost()
fb.save(out)
from fontTools.ttLib import TTFont
f = TTFont(out); print(out, f['CFF '].cff.topDictIndex[0].FontMatrix)
