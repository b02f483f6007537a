# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.
"""Sphinx directives that render the support matrix from the manifest.

Add ``'oslo_messaging_support.sphinxext'`` to ``extensions`` in
``conf.py``, then::

    .. support-matrix::

    .. support-timeline::
       :from: liberty

Both directives ask the policy engine (:data:`support.POLICY`)
for every tier, exactly as a service does when it loads a driver, so the
documentation cannot disagree with the run time.  Their options:

``:release:``
    evaluate as of this series (name or id); default: the series of the
    installed oslo.messaging, today.
``:manifest:``
    a manifest file to use instead of the bundled one (same schema, every
    fact with a source).
``:overlay:``
    an overlay file applied on top, as ``[oslo_messaging_support]
    manifest_overlay`` is at run time.

``support-timeline`` also takes ``:from:`` and ``:to:`` (series; default:
the first series of any lifecycle event, and the evaluation series).  Its
cells carry a ``tier-<tier>`` class and a compliance mark
(:data:`COMPLIANCE_MARKS`), and a legend follows the table; the extension
adds ``support-matrix.css``, a small static style sheet that colours the
tiers, to the HTML output.  Nothing is fetched and no JavaScript runs.

A relative file path is relative to the document that holds the directive.
The files are recorded as dependencies of the document, so editing a tier
rebuilds the page.
"""

import os

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import docutils as sphinx_docutils

from oslo_messaging_support.engine import driver_manifest
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import support
from oslo_messaging_support.engine import tiers
from oslo_messaging_support import exception

#: What the matrix calls a missing value.
NONE = '\u2014'

#: The marks of the timeline for compliance values that the tier alone
#: does not tell, with their meaning (the legend).
COMPLIANCE_MARKS = {
    tiers.Compliance.OVERDUE: (
        '!', 'overdue: prospective past its compliance deadline, and '
             'oslo.messaging has not marked it deprecated'),
    tiers.Compliance.REMOVABLE: (
        '\u2020', 'removable: deprecated two series ago or more and still '
                  'shipped'),
    tiers.Compliance.REMOVED_EARLY: (
        '\u2021', 'removed early: removed before two series of '
                  'deprecation'),
}

#: The style sheet the extension adds to the HTML output.
CSS_FILE = 'support-matrix.css'


class _FileManifests:
    """A manifest "cache" that reads one replacement manifest file.

    It stands in for :data:`driver_manifest.CACHE` in a private
    :class:`~oslo_messaging_support.SupportPolicy`, so that a manifest given
    to the directive goes through the same engine as the bundled one.
    """

    def __init__(self, path):
        self.path = path
        self._loaded = {}

    def get(self, overlay=None, calendar=None):
        calendar = calendar or release_calendar.bundled_calendar()
        key = (overlay, id(calendar))
        if key not in self._loaded:
            paths = [self.path] + ([overlay] if overlay else [])
            self._loaded[key] = driver_manifest.load_manifest(paths, calendar)
        return self._loaded[key]

    def clear(self):
        self._loaded.clear()


class _PolicyDirective(sphinx_docutils.SphinxDirective):
    """What both directives share: the files, the policy, the point."""

    has_content = False
    option_spec = {
        'release': directives.unchanged_required,
        'manifest': directives.path,
        'overlay': directives.path,
    }

    def _path(self, option):
        value = self.options.get(option)
        if not value:
            return None
        if not os.path.isabs(value):
            _, value = self.env.relfn2path(value, self.env.docname)
        self.env.note_dependency(value)
        return value

    def _setup(self):
        """Resolve the options into the policy, overlay, point, manifest.

        :raises ManifestError: a manifest or overlay file is invalid
        :raises CalendarError: the release is not a series
        """
        manifest_path = self._path('manifest')
        self.overlay = self._path('overlay')
        if manifest_path is None:
            self.policy = support.POLICY
            self.env.note_dependency(driver_manifest.bundled_manifest_path())
        else:
            self.policy = support.SupportPolicy(
                calendar=support.POLICY.calendar,
                manifests=_FileManifests(manifest_path),
                entry_points=support.POLICY.entry_points)
        self.env.note_dependency(release_calendar.bundled_calendar_path())
        self.calendar = self.policy.calendar
        release = self.options.get('release')
        self.point = (self.policy.point(release) if release else None)
        self.manifest = self.policy.manifest(self.overlay)

    def _decision(self, name, point=None):
        """The engine's :class:`~oslo_messaging_support.Decision`."""
        return self.policy.decide(name, point or self.point, self.overlay)

    def run(self):
        try:
            self._setup()
            return self.render()
        except exception.SupportPolicyError as exc:
            raise self.error('%s: %s' % (self.name, exc)) from None


def _paragraph(text, classes=()):
    return nodes.paragraph(text=str(text), classes=list(classes))


def _entry(cell):
    if isinstance(cell, nodes.entry):
        return cell
    entry = nodes.entry()
    if isinstance(cell, (list, tuple)):
        for item in cell:
            entry += item if isinstance(item, nodes.Node) else \
                _paragraph(item)
    elif isinstance(cell, nodes.Node):
        entry += cell
    elif cell is not None and cell != '':
        entry += _paragraph(cell)
    return entry


def _table(headers, rows, classes=()):
    """A docutils table from header strings and rows of cells.

    A cell is a string, a node, or a list of either (one paragraph each).
    """
    table = nodes.table(classes=['support-matrix'] + list(classes))
    group = nodes.tgroup(cols=len(headers))
    table += group
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for header in headers:
        row += _entry(header)
    head += row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            row += _entry(cell)
        body += row
    return table


def _series(series):
    return series.long_label if series is not None else NONE


def _tier(decision):
    return nodes.paragraph(
        text=str(decision.tier), classes=['tier-%s' % decision.tier])


def _compliance(decision):
    return nodes.paragraph(
        text=str(decision.compliance),
        classes=['compliance-%s' % decision.compliance])


def _event_line(event):
    text = '%s in %s' % (event.status, event.series.long_label)
    if event.date is not None:
        text += ', %s' % event.date.isoformat()
    return text


def _removal(decision):
    if decision.removed_in is not None:
        return 'removed in %s' % decision.removed_in.long_label
    if decision.removal_in is None:
        return NONE
    return 'allowed from %s' % decision.removal_in.long_label


def _declared_removal(decision):
    """The removal upstream declared, beside the policy's ``_removal``."""
    removal = decision.declared_removal
    if removal is None:
        return NONE
    return '%s (%s)' % (removal.series.long_label, removal.quote)


def _point_sentence(point, default):
    text = 'Tiers as of %s' % point.series.long_label
    if point.series.estimated:
        text += ' (release date estimated)'
    if default:
        text += ', the series of the installed oslo.messaging'
        if point.guessed:
            text += ' (%s)' % point.mapping.rule
    return text + ', with the default settings (no operator override).'


class SupportMatrix(_PolicyDirective):
    """``.. support-matrix::``: every driver, its tier and its evidence."""

    def render(self):
        entries = list(self.manifest.drivers.values())
        decisions = [self._decision(entry.name) for entry in entries]
        point = decisions[0].point if decisions else self.point
        result = []
        if point is not None:
            result.append(_paragraph(_point_sentence(point,
                                                     self.point is None)))
        rows = []
        for entry, decision in zip(entries, decisions):
            name = [nodes.paragraph('', '', nodes.reference(
                '', entry.name, refid=self._target(entry.name)))]
            if entry.aliases:
                name.append(_paragraph('alias: %s' % ', '.join(
                    entry.aliases)))
            rows.append((
                name, _tier(decision), _compliance(decision),
                str(decision.action),
                [_event_line(event) for event in entry.lifecycle],
                _series(decision.deprecated_in), _removal(decision),
                _declared_removal(decision),
                decision.replacement or NONE, ', '.join(entry.usage)))
        result.append(_table(
            ('Driver', 'Tier', 'Compliance', 'Action', 'Lifecycle',
             'Deprecated in', 'Removal', 'Declared removal', 'Replacement',
             'Usage'), rows,
            classes=['support-matrix-summary']))
        if self.manifest.evidence_release:
            result.append(_paragraph(
                'Evidence for the policy criteria was read from %s.'
                % self.manifest.evidence_release))
        for entry, decision in zip(entries, decisions):
            result.extend(self._details(entry, decision))
        return result

    def _target(self, name):
        return 'support-matrix-%s' % nodes.make_id(name)

    def _details(self, entry, decision):
        """A section per driver, titled by its name.

        A real section (not a rubric), so that the driver is in the page's
        contents and its anchor (``#support-matrix-NAME``) can be linked.
        """
        section = nodes.section(ids=[self._target(entry.name)],
                                names=[self._target(entry.name)])
        section += nodes.title(text=entry.name)
        result = []
        if entry.description:
            result.append(_paragraph(entry.description))
        # The reason already holds the compliance detail and a prospective
        # driver's deadline: each fact is said once.
        result.append(_paragraph('Now: %s' % decision.message()))
        result.append(_paragraph('Compliance: %s.' % decision.compliance))
        result.append(_table(
            ('Series', 'Status', 'Date', 'Source'),
            [(event.series.long_label, str(event.status),
              event.date.isoformat() if event.date else NONE,
              event.source or NONE) for event in entry.lifecycle],
            classes=['support-matrix-lifecycle']))
        rows = []
        for key, requirement in tiers.CRITERIA.items():
            criterion = entry.evidence.get(key)
            if criterion is None:
                rows.append((key, requirement, 'unknown',
                             'no evidence recorded', NONE))
                continue
            detail = criterion.detail or NONE
            if criterion.value is not None:
                detail = '%s (value: %s)' % (detail, criterion.value)
            rows.append((key, requirement, criterion.result, detail,
                         criterion.source or NONE))
        result.append(_table(
            ('Criterion', 'Requirement', 'Result', 'Evidence', 'Source'),
            rows, classes=['support-matrix-evidence']))
        section.extend(result)
        return [section]


class SupportTimeline(_PolicyDirective):
    """``.. support-timeline::``: the tier of every driver per series."""

    option_spec = dict(_PolicyDirective.option_spec, **{
        'from': directives.unchanged_required,
        'to': directives.unchanged_required,
    })

    def render(self):
        entries = list(self.manifest.drivers.values())
        if not entries:
            return []
        first = min(entry.lifecycle[0].series for entry in entries)
        start = self.calendar.get(self.options.get('from') or first)
        end = self.options.get('to')
        if end:
            end = self.calendar.get(end)
        else:
            end = self._decision(entries[0].name).point.series
        if end < start:
            raise exception.CalendarError(
                ':to: %s comes before :from: %s' % (end.label, start.label))
        rows = []
        previous = {}
        for index in range(start.index, end.index + 1):
            series = self.calendar.at(index)
            point = self.policy.point(series)
            cells = [series.long_label +
                     (' (estimated)' if series.estimated else '')]
            for entry in entries:
                cells.append(self._cell(entry, series, point, previous))
            events = ['%s %s' % (entry.name, event.status)
                      for entry in entries for event in entry.lifecycle
                      if event.series == series]
            cells.append(', '.join(events) or NONE)
            rows.append(cells)
        return [
            _table(['Series'] + [entry.name for entry in entries] +
                   ['Manifest events'], rows,
                   classes=['support-timeline']),
            _legend(),
            _paragraph('%s: not shipped yet (the policy calls a driver '
                       'unsupported before its first lifecycle event). A '
                       'tier in bold changed in that series. The tier is '
                       'what oslo.messaging declared; a mark gives what '
                       'the policy required where the tier does not tell.'
                       % NONE),
        ]

    def _cell(self, entry, series, point, previous):
        if series < entry.lifecycle[0].series:
            return _classed_entry('tier-none', nodes.paragraph(text=NONE))
        decision = self._decision(entry.name, point)
        tier = str(decision.tier)
        changed = previous.get(entry.name) != tier
        previous[entry.name] = tier
        paragraph = nodes.paragraph(classes=['tier-%s' % tier])
        paragraph += nodes.strong(text=tier) if changed else \
            nodes.Text(tier)
        mark = COMPLIANCE_MARKS.get(decision.compliance)
        if mark is not None:
            paragraph += nodes.Text(' ')
            paragraph += nodes.inline(
                text=mark[0], classes=['compliance-mark',
                                       'compliance-%s' % decision.compliance])
        return _classed_entry('tier-%s' % tier, paragraph)


def _classed_entry(css_class, *children):
    entry = nodes.entry(classes=[css_class])
    for child in children:
        entry += child
    return entry


def _legend():
    """The legend of the timeline: each tier's colour, then the marks."""
    cells = [_classed_entry('tier-%s' % tier,
                            nodes.paragraph(text=str(tier)))
             for tier in tiers.Tier]
    meanings = [tier.meaning for tier in tiers.Tier]
    marks = ['%s %s' % (mark, meaning)
             for mark, meaning in COMPLIANCE_MARKS.values()]
    legend = _table(['Legend'] + [''] * (len(cells) - 1),
                    [cells, meanings],
                    classes=['support-timeline-legend'])
    return nodes.container(
        '', legend, _paragraph('Compliance marks: %s.' % '; '.join(marks)),
        classes=['support-timeline-key'])


def _static_path(app):
    """Add the extension's style sheet to the HTML build."""
    static = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          'static')
    if static not in app.config.html_static_path:
        app.config.html_static_path.append(static)


def setup(app):
    """Register the directives with Sphinx."""
    app.add_directive('support-matrix', SupportMatrix)
    app.add_directive('support-timeline', SupportTimeline)
    app.connect('builder-inited', _static_path)
    app.add_css_file(CSS_FILE)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}
