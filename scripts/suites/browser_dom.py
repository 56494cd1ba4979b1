#!/usr/bin/env python3
"""Check the DOM Chromium built from a rendered report (scripts/suites/85-browser.sh).

usage: browser_dom.py DOM LABELS MARKS LANG
DOM: the output of chromium --dump-dom; LABELS: one catalog label a line, each must be in the page;
MARKS: the number of non-zero outcomes, each one SVG mark; LANG: zh or en.
Prints what is wrong and exits 1, or exits 0.
"""
import sys
from html.parser import HTMLParser


class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables = []      # each: list of rows, each: list of cells (dict)
        self.cell = None
        self.text = []
        self.svgs = {}        # id -> list of rect attribute dicts
        self.svg = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'table':
            self.tables.append({'attrs': a, 'rows': []})
        elif tag == 'tr' and self.tables:
            self.tables[-1]['rows'].append({'attrs': a, 'cells': []})
        elif tag in ('td', 'th') and self.tables:
            self.cell = {'tag': tag, 'text': '', 'rowspan': int(a.get('rowspan', 1)),
                         'colspan': int(a.get('colspan', 1)), 'code': a.get('data-code')}
            self.tables[-1]['rows'][-1]['cells'].append(self.cell)
        elif tag == 'svg':
            self.svg = a.get('id')
            self.svgs[self.svg] = []
        elif tag == 'rect' and self.svg:
            self.svgs[self.svg].append(a)

    def handle_endtag(self, tag):
        if tag in ('td', 'th'):
            self.cell = None
        elif tag == 'svg':
            self.svg = None

    def handle_data(self, data):
        self.text.append(data)
        if self.cell is not None:
            self.cell['text'] += data


def main():
    dom_file, labels_file, marks, lang = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    d = Dom()
    d.feed(open(dom_file, encoding='utf-8').read())
    text = ''.join(d.text)
    errors = []

    if len(d.tables) != 3:
        errors.append('%d tables, not 3' % len(d.tables))
    tables = {t['attrs'].get('data-part'): t for t in d.tables}

    def cell(part, code):
        for r in tables.get(part, {'rows': []})['rows']:
            for c in r['cells']:
                if c['code'] == code:
                    return c
        return None

    def span(part, code, rowspan, colspan):
        c = cell(part, code)
        if c is None:
            errors.append('table %s: no cell %s' % (part, code))
        elif (c['rowspan'], c['colspan']) != (rowspan, colspan):
            errors.append('table %s: cell %s spans %dx%d, not %dx%d'
                          % (part, code, c['rowspan'], c['colspan'], rowspan, colspan))

    # table 三: the official merged cells
    for code, rs in (('3', 22), ('3.3', 8), ('3.4', 3), ('3.5', 5), ('3.6', 3)):
        span('3', code, rs, 1)
    for code, cs in (('1', 3), ('2', 3), ('4', 3), ('3.1', 2), ('3.2', 2), ('3.7', 2), ('3.3.1', 1), ('3.6.3', 1)):
        span('3', code, 1, cs)
    span('3', 'np', 2, 1)
    span('3', 'total', 2, 1)
    span('3', 'biz', 1, 1)
    if '3' in tables:
        head = [[(c['rowspan'], c['colspan']) for c in r['cells']] for r in tables['3']['rows'][:3]]
        if head[0] != [(3, 3), (1, 7)] or head[1] != [(2, 1), (1, 5), (2, 1)] or head[2] != [(1, 1)] * 5:
            errors.append('table 3: header spans %s' % head)
        body = [r for r in tables['3']['rows'] if r['attrs'].get('data-row')]
        if len(body) != 25:
            errors.append('table 3: %d rows of values, not 25' % len(body))
        for r in body:
            vals = [c for c in r['cells'] if c['tag'] == 'td']
            if len(vals) != 7:
                errors.append('table 3: row %s has %d values' % (r['attrs']['data-row'], len(vals)))
    # blank cells blank (平山镇 3.6.2 and 3.6.3 are blank as published; zeros elsewhere)
    if marks == 0:
        for r in tables.get('3', {'rows': []})['rows']:
            if r['attrs'].get('data-row') in ('3.6.2', '3.6.3'):
                if any(c['text'].strip() for c in r['cells'] if c['tag'] == 'td'):
                    errors.append('table 3: row %s is not blank' % r['attrs']['data-row'])
            elif r['attrs'].get('data-row'):
                if [c['text'] for c in r['cells'] if c['tag'] == 'td'] != ['0'] * 7:
                    errors.append('table 3: row %s is not all zero' % r['attrs']['data-row'])
    # table 四: 行政复议 over five columns, 行政诉讼 over ten, two sub-headers of five
    if '4' in tables:
        head = [[(c['rowspan'], c['colspan']) for c in r['cells']] for r in tables['4']['rows'][:3]]
        if head[0] != [(1, 5), (1, 10)] or head[1] != [(2, 1)] * 5 + [(1, 5), (1, 5)] or head[2] != [(1, 1)] * 10:
            errors.append('table 4: header spans %s' % head)
        if len(tables['4']['rows'][3]['cells']) != 15:
            errors.append('table 4: the row of values has %d cells' % len(tables['4']['rows'][3]['cells']))
    span('4', 'review', 1, 5)
    span('4', 'suit', 1, 5)
    span('4', 'suit_after_review', 1, 5)
    # table 二: each block's caption across the four columns; one-value blocks span three columns
    for code in ('2.1', '2.5', '2.6', '2.8'):
        span('2', code, 1, 4)
    span('2', '2.1.1', 1, 1)

    # every label of the catalog (table 四's group labels split at the middle dot, as printed)
    for label in open(labels_file, encoding='utf-8').read().splitlines():
        for part in label.split('\u00b7'):
            if part and part not in text:
                errors.append('label missing: %s' % part)
    if lang == 'en' and any('\u4e00' <= ch <= '\u9fff' for ch in ''.join(
            c['text'] for t in d.tables for r in t['rows'] for c in r['cells'] if c['tag'] == 'th')):
        errors.append('a Chinese header in the English page')

    # the charts: one mark per non-zero outcome; the five-year chart present
    got = [r for r in d.svgs.get('chart-outcomes', []) if 'mark' in r.get('class', '').split()]
    if len(got) != marks:
        errors.append('%d outcome marks, not %d' % (len(got), marks))
    if any(int(r['data-value']) <= 0 or int(r['width']) <= 0 for r in got):
        errors.append('an outcome mark of no value or width')
    if 'chart-trend' not in d.svgs:
        errors.append('no five-year chart')

    for e in errors:
        print('# ' + e)
    return 1 if errors else 0


sys.exit(main())
