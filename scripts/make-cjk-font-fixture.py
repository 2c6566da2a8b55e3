# Builds test/fixtures/fonts/test-cjk.ttf: a small TrueType font for the tests that make PDFs of whole
# reports (test/unit/originalsGen.ts). Its characters: printable ASCII, full-width forms, and every CJK
# character of the engine's sources (server/src/report/: the form's labels) and of the test generators; each glyph
# a box, CJK characters one em wide, digits 0.55 em (as Chinese fonts set them). Needs fontTools
# (Debian: apt-get install python3-fonttools):
#   /usr/bin/python3 scripts/make-cjk-font-fixture.py test/fixtures/fonts/test-cjk.ttf
import re, sys
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
out = sys.argv[1]
UPM = 1000
import glob
SOURCES = sorted(glob.glob('server/src/report/*.ts')) + ['test/unit/ioGen.ts', 'test/unit/originalsGen.ts']
cjk = set()
for path in SOURCES:
    cjk.update(re.findall(r'[\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]', open(path, encoding='utf-8').read()))
cjk.update(chr(c) for c in range(0xff01, 0xff5f))
chars = [chr(c) for c in range(0x20, 0x7f)] + sorted(cjk - {chr(c) for c in range(0x20, 0x7f)})
names = ['.notdef'] + ['uni%04X' % ord(c) for c in chars]
fb = FontBuilder(UPM, isTTF=True)
fb.setupGlyphOrder(names)
fb.setupCharacterMap({ord(c): 'uni%04X' % ord(c) for c in chars})
glyphs = {}; metrics = {}
for n in names:
    c = chr(int(n[3:], 16)) if n != '.notdef' else None
    w = UPM if c is None or ord(c) >= 0x2000 else 250 if c == ' ' else 550 if c.isdigit() else 500
    pen = TTGlyphPen(None)
    if c not in (None, ' ', '\u3000'):
        pen.moveTo((50, 0)); pen.lineTo((50, 700)); pen.lineTo((w - 50, 700)); pen.lineTo((w - 50, 0)); pen.closePath()
    glyphs[n] = pen.glyph(); metrics[n] = (w, 50)
fb.setupGlyf(glyphs)
fb.setupHorizontalMetrics(metrics)
fb.setupHorizontalHeader(ascent=880, descent=-120)
fb.setupNameTable({'familyName': 'TestCJK', 'styleName': 'Regular'})
fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
fb.setupPost()
fb.save(out)
print(out, len(chars), 'characters')
