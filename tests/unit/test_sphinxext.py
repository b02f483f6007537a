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
"""The support-matrix and support-timeline directives, built by Sphinx."""

import html.parser
import io
import os
import textwrap

from sphinx import application
from sphinx.util import console
from sphinx.util import docutils as sphinx_docutils

from oslo_messaging_support.engine import support
from oslo_messaging_support.engine import tiers
from oslo_messaging_support.engine import versions
from tests import base

_CONF = "extensions = ['oslo_messaging_support.sphinxext']\n" \
        "html_theme = 'basic'\n"

# A driver prospective since 2024-01-10 (in the caracal cycle): the first
# full cycle after that day is dalmatian, released 2024-10-02, later than
# six months after it, so that is its deadline; its deprecation is due
# from epoxy (2025.1), the series under development the day after, and it
# may be removed two series after a deprecation declared then, in gazpacho
# (2026.1).
_PROSPECTIVE = """\
drivers:
  example:
    entry_point: example_driver.impl:ExampleDriver
    usage: [rpc]
    replacement: other
    lifecycle:
      - series: caracal
        status: prospective
        date: 2024-01-10
        source: test fixture, prospective event
    evidence:
      coverage:
        result: pass
        detail: 71% lines
        value: 71
        source: test fixture coverage report
  other:
    entry_point: other_driver.impl:OtherDriver
    usage: [rpc, notifications]
    lifecycle:
      - series: caracal
        status: supported
        source: test fixture, supported event
"""


class _Tables(html.parser.HTMLParser):
    """Collect the text of every table cell, by the table's classes."""

    def __init__(self):
        super().__init__()
        self.tables = []
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        if tag == 'table':
            self.tables.append((dict(attrs).get('class', '').split(), []))
        elif tag == 'tr' and self.tables:
            self._row = []
            self.tables[-1][1].append(self._row)
        elif tag in ('td', 'th') and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ('td', 'th') and self._cell is not None:
            self._row.append(' '.join(''.join(self._cell).split()))
            self._cell = None
        elif tag == 'tr':
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def table(self, css_class):
        """The rows of the (first) table with that class, header first."""
        for classes, rows in self.tables:
            if css_class in classes:
                return rows
        raise AssertionError('no table of class %s' % css_class)


class SphinxProject:
    """A temporary Sphinx project with one page, built in process."""

    def __init__(self, root):
        self.src = os.path.join(root, 'src')
        self.out = os.path.join(root, 'out')
        os.makedirs(self.src, exist_ok=True)
        self.write('conf.py', _CONF)

    def write(self, name, text):
        path = os.path.join(self.src, name)
        with open(path, 'w', encoding='utf-8') as stream:
            stream.write(textwrap.dedent(text))
        return path

    def build(self, page):
        """Build ``page`` as index.rst; (HTML text, Sphinx warnings)."""
        self.write('index.rst', page)
        warnings = io.StringIO()
        # A docutils namespace of its own, as sphinx.testing does, so that
        # several builds can run in one process.
        with sphinx_docutils.docutils_namespace():
            app = application.Sphinx(
                self.src, self.src, os.path.join(self.out, 'html'),
                os.path.join(self.out, 'doctrees'), 'html',
                status=io.StringIO(), warning=warnings)
            app.build()
        with open(os.path.join(self.out, 'html', 'index.html'),
                  encoding='utf-8') as stream:
            return stream.read(), console.strip_colors(warnings.getvalue())


def tables(html_text):
    parser = _Tables()
    parser.feed(html_text)
    return parser


def summary(html_text):
    """{driver: {column: text}} from the matrix's summary table."""
    rows = tables(html_text).table('support-matrix-summary')
    header = rows[0]
    result = {}
    for row in rows[1:]:
        cells = dict(zip(header, row))
        result[cells['Driver'].split()[0]] = cells
    return result


class TestSupportMatrix(base.TestCase):

    def setUp(self):
        super().setUp()
        self.project = SphinxProject(self.tempdir)

    def build(self, page):
        html_text, warnings = self.project.build(page)
        self.assertEqual('', warnings)
        return html_text

    def test_every_bundled_driver_with_the_engines_tier(self):
        """The matrix shows each bundled driver as the run time decides."""
        html_text = self.build("""\
            Matrix
            ======

            .. support-matrix::
               :release: 2024.2
            """)
        rows = summary(html_text)
        manifest = support.POLICY.manifest()
        self.assertEqual(sorted(manifest.drivers), sorted(rows))
        point = support.POLICY.point('2024.2')
        for name, row in rows.items():
            decision = support.POLICY.decide(name, point)
            self.assertEqual(decision.tier, row['Tier'], name)
            self.assertEqual(decision.compliance, row['Compliance'], name)
            self.assertEqual(decision.action, row['Action'], name)
        # The history of the reference data, not the engine's output.
        self.assertEqual('supported', rows['rabbit']['Tier'])
        self.assertIn('alias: kombu', rows['rabbit']['Driver'])
        self.assertEqual('removed', rows['qpid']['Tier'])
        self.assertEqual('removed-early', rows['qpid']['Compliance'])
        self.assertEqual('removed in mitaka', rows['qpid']['Removal'])
        amqp = rows['amqp']
        self.assertEqual('deprecated', amqp['Tier'])
        self.assertEqual('removable', amqp['Compliance'])
        self.assertEqual('bobcat (2023.2)', amqp['Deprecated in'])
        self.assertEqual('allowed from dalmatian (2024.2)', amqp['Removal'])
        # kafka: what upstream declared, and what the policy required.
        self.assertEqual(('prospective', 'overdue', '\u2014', '\u2014'),
                         (rows['kafka']['Tier'], rows['kafka']['Compliance'],
                          rows['kafka']['Deprecated in'],
                          rows['kafka']['Removal']))
        self.assertEqual(('testing', 'test-only', 'load'),
                         (rows['fake']['Tier'], rows['fake']['Compliance'],
                          rows['fake']['Action']))
        # upstream named amqp's replacement only with its removal (epoxy),
        # and declared no removal with its deprecation
        self.assertEqual(('\u2014', '\u2014'),
                         (amqp['Replacement'], amqp['Declared removal']))
        # (this test's build keeps Sphinx's smart quotes; the docs' does not)
        self.assertTrue(rows['zmq']['Declared removal'].startswith(
            'stein (removal_version='), rows['zmq']['Declared removal'])
        self.assertEqual('RabbitMQ or AMQP 1.0', rows['zmq']['Replacement'])
        self.assertEqual('prospective in juno (2014.2), 2014-09-04 '
                         'supported in newton deprecated in bobcat '
                         '(2023.2) removed in epoxy (2025.1)',
                         amqp['Lifecycle'])
        self.assertEqual('notifications', rows['kafka']['Usage'])
        self.assertIn('Tiers as of dalmatian (2024.2)', html_text)

    def test_default_point_is_the_installed_series(self):
        """Without :release:, the matrix is evaluated where services are."""
        html_text = self.build(".. support-matrix::\n")
        point = support.POLICY.decide('rabbit').point
        self.assertIn('Tiers as of %s, the series of the installed '
                      'oslo.messaging' % point.series.long_label, html_text)
        rows = summary(html_text)
        self.assertEqual(support.POLICY.decide('amqp').tier,
                         rows['amqp']['Tier'])

    def test_a_guessed_series_says_so(self):
        """Past the calendar, the matrix says its series is a guess."""
        from unittest import mock

        with mock.patch.object(versions, 'installed_oslo_messaging_version',
                               return_value='18.4.0'):
            support.POLICY.clear()
            self.addCleanup(support.POLICY.clear)
            html_text = self.build(".. support-matrix::\n")
        self.assertIn('Tiers as of indri (2027.1), the series of the '
                      'installed oslo.messaging (a guess: 18.4.0 is newer',
                      html_text)

    def test_criteria_evidence_and_sources(self):
        """Every criterion of every driver is shown with its source."""
        html_text = self.build(".. support-matrix::\n")
        parser = tables(html_text)
        evidence = [rows for classes, rows in parser.tables
                    if 'support-matrix-evidence' in classes]
        manifest = support.POLICY.manifest()
        self.assertEqual(len(manifest.drivers), len(evidence))
        rabbit = {row[0]: row for row in evidence[0][1:]}
        self.assertEqual(sorted(tiers.CRITERIA), sorted(rabbit))
        gate = rabbit['gate_voting']
        recorded = manifest.drivers['rabbit'].evidence['gate_voting']
        self.assertEqual(tiers.CRITERIA['gate_voting'], gate[1])
        self.assertEqual('pass', gate[2])
        self.assertIn('oslo.messaging-src-dsvm-full-rabbit', gate[3])
        self.assertEqual(' '.join(recorded.source.split()), gate[4])
        self.assertIn('.zuul.yaml', gate[4])
        self.assertIn('Evidence for the policy criteria was read from '
                      'oslo.messaging 18.3.1.', html_text)
        lifecycle = [rows for classes, rows in parser.tables
                     if 'support-matrix-lifecycle' in classes]
        zmq = lifecycle[list(manifest.drivers).index('zmq')]
        self.assertEqual(['Series', 'Status', 'Date', 'Source'], zmq[0])
        self.assertEqual('rocky', zmq[2][0])
        self.assertIn('commit 42f0358d', zmq[2][3])

    def test_changing_a_tier_in_the_manifest_changes_the_matrix(self):
        """Edit the manifest file, rebuild: the matrix follows."""
        path = self.project.write('drivers.yaml', _PROSPECTIVE)
        page = """\
            .. support-matrix::
               :manifest: drivers.yaml
               :release: 2025.1
            """
        rows = summary(self.build(page))
        self.assertEqual(['example', 'other'], sorted(rows))
        self.assertEqual(('prospective', 'overdue'),
                         (rows['example']['Tier'],
                          rows['example']['Compliance']))
        self.assertEqual('\u2014', rows['example']['Deprecated in'])
        self.assertEqual('\u2014', rows['example']['Removal'])
        self.assertEqual('supported', rows['other']['Tier'])
        with open(path, 'w', encoding='utf-8') as stream:
            stream.write(_PROSPECTIVE.replace(
                'status: supported', 'status: deprecated'))
        # The same output directory: the page must be rebuilt because the
        # manifest is one of its dependencies.
        rows = summary(self.build(page))
        self.assertEqual('deprecated', rows['other']['Tier'])
        self.assertEqual('warn', rows['other']['Action'])
        self.assertEqual('caracal (2024.1)', rows['other']['Deprecated in'])
        self.assertEqual('allowed from epoxy (2025.1)',
                         rows['other']['Removal'])
        self.assertEqual('removable', rows['other']['Compliance'])

    def test_prospective_driver_shows_its_deadline(self):
        """Before its deadline passes, a new driver is prospective."""
        self.project.write('drivers.yaml', _PROSPECTIVE)
        html_text = self.build("""\
            .. support-matrix::
               :manifest: drivers.yaml
               :release: dalmatian
            """)
        rows = summary(html_text)
        self.assertEqual('prospective', rows['example']['Tier'])
        self.assertEqual('warn', rows['example']['Action'])
        self.assertEqual('\u2014', rows['example']['Removal'])
        # The deadline is said once, in the reason.
        self.assertEqual(1, html_text.count(
            'its compliance deadline is 2024-10-02'))
        self.assertIn('Compliance: grace.', html_text)
        self.assertIn('71% lines (value: 71)', html_text)
        self.assertIn('test fixture coverage report', html_text)
        # A criterion without evidence says so rather than vanishing.
        example = tables(html_text).table('support-matrix-evidence')
        self.assertIn(['maintainers', tiers.CRITERIA['maintainers'],
                       'unknown', 'no evidence recorded', '\u2014'],
                      example)

    def test_overlay_replaces_the_keys_it_gives(self):
        """An overlay is applied as manifest_overlay is at run time."""
        self.project.write('overlay.yaml', """\
            drivers:
              kafka:
                lifecycle:
                  - series: mitaka
                    status: supported
                    source: our distribution supports it
            """)
        rows = summary(self.build("""\
            .. support-matrix::
               :overlay: overlay.yaml
               :release: 2025.1
            """))
        self.assertEqual('supported', rows['kafka']['Tier'])
        self.assertEqual('removed', rows['amqp']['Tier'])
        self.assertEqual('notifications', rows['kafka']['Usage'])

    def test_invalid_manifest_is_one_line_error(self):
        """A broken manifest names file, line, driver and field."""
        path = self.project.write('drivers.yaml', _PROSPECTIVE.replace(
            'status: supported', 'status: retired'))
        _, warnings = self.project.build(
            ".. support-matrix::\n   :manifest: drivers.yaml\n")
        lines = warnings.strip().splitlines()
        self.assertEqual(1, len(lines), warnings)
        self.assertIn('ERROR: support-matrix: %s:22: driver \'other\', '
                      'field \'lifecycle[0].status\': \'retired\' is not a '
                      'status' % path, lines[0])
        self.assertNotIn('Traceback', warnings)

    def test_missing_file_and_unknown_release(self):
        """A missing file and a bad series are errors, not tracebacks."""
        _, warnings = self.project.build(
            ".. support-matrix::\n   :overlay: nowhere.yaml\n")
        self.assertIn('nowhere.yaml: cannot read the overlay file',
                      warnings)
        _, warnings = self.project.build(
            ".. support-matrix::\n   :release: zebra\n")
        self.assertIn("ERROR: support-matrix: unknown release series "
                      "'zebra'", warnings)
        self.assertNotIn('Traceback', warnings)


class TestSupportTimeline(base.TestCase):

    def setUp(self):
        super().setUp()
        self.project = SphinxProject(self.tempdir)

    def timeline(self, options):
        html_text, warnings = self.project.build(
            '.. support-timeline::\n' + options)
        self.assertEqual('', warnings)
        rows = tables(html_text).table('support-timeline')
        header = rows[0]
        return {row[0]: dict(zip(header, row)) for row in rows[1:]}

    def test_tier_per_series(self):
        """amqp: deprecated in 2023.2, removable 2024.2, gone in 2025.1."""
        rows = self.timeline('   :from: 2023.1\n   :to: 2025.2\n')
        self.assertEqual(
            ['antelope (2023.1)', 'bobcat (2023.2)', 'caracal (2024.1)',
             'dalmatian (2024.2)', 'epoxy (2025.1)', 'flamingo (2025.2)'],
            list(rows))
        amqp = [rows[series]['amqp'] for series in rows]
        self.assertEqual(['supported', 'deprecated', 'deprecated',
                          'deprecated \u2020', 'removed', 'removed'], amqp)
        self.assertEqual({'supported'},
                         {row['rabbit'] for row in rows.values()})
        self.assertEqual('amqp deprecated',
                         rows['bobcat (2023.2)']['Manifest events'])
        self.assertEqual('amqp removed',
                         rows['epoxy (2025.1)']['Manifest events'])

    def test_not_shipped_yet_and_default_end(self):
        """Before its first event a driver is shown as not shipped."""
        rows = self.timeline('   :from: kilo\n')
        self.assertEqual('\u2014', rows['kilo (2015.1)']['kafka'])
        self.assertEqual('prospective', rows['mitaka']['kafka'])
        # Never re-tiered: prospective, marked overdue from ocata.
        self.assertEqual('prospective !', rows['ocata']['kafka'])
        self.assertEqual('removed \u2021', rows['mitaka']['qpid'])
        self.assertEqual('removed', rows['rocky']['pika'])
        self.assertEqual('testing', rows['mitaka']['fake'])
        last = support.POLICY.decide('rabbit').point.series
        self.assertEqual(last.long_label, list(rows)[-1])

    def test_reversed_range_is_an_error(self):
        _, warnings = self.project.build(
            '.. support-timeline::\n   :from: epoxy\n   :to: caracal\n')
        self.assertIn(':to: caracal comes before :from: epoxy', warnings)

    def test_coloured_by_tier_with_a_legend_and_no_script(self):
        """Cells carry tier classes; a legend; a static style sheet."""
        html_text, warnings = self.project.build(
            '.. support-timeline::\n   :from: 2024.1\n   :to: 2025.1\n')
        self.assertEqual('', warnings)
        self.assertIn('<td class="tier-deprecated">', html_text)
        self.assertIn('<td class="tier-removed">', html_text)
        legend = tables(html_text).table('support-timeline-legend')
        self.assertEqual(['supported', 'testing', 'prospective',
                          'deprecated', 'unsupported', 'removed'],
                         legend[1])
        self.assertIn('! overdue', html_text)
        self.assertIn('support-matrix.css', html_text)
        css = os.path.join(self.project.out, 'html', '_static',
                           'support-matrix.css')
        with open(css, encoding='utf-8') as stream:
            self.assertIn('.tier-deprecated', stream.read())
        body = html_text.split('role="main">', 1)[1].split(
            'class="clearer"', 1)[0]
        self.assertNotIn('<script', body)
