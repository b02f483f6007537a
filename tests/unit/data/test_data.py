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
"""The bundled data is compiled from the YAML, and read without PyYAML."""

import io
import os
import subprocess
import sys
import textwrap

import fixtures

from oslo_messaging_support import data as bundled
from oslo_messaging_support.data import compiled
from oslo_messaging_support.engine import compiler
from oslo_messaging_support.engine import driver_manifest
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support import exception
from oslo_messaging_support.readers import yamlfile
from tests import base


class CompiledDataTest(base.TestCase):

    def test_compiled_data_is_current(self):
        self.assertTrue(
            compiler.is_current(),
            'oslo_messaging_support/data is stale: run %s'
            % compiler.COMMAND)

    def test_compiled_data_equals_the_yaml(self):
        for name in (bundled.MANIFEST, bundled.CALENDAR):
            built = compiled.FILES[name]()
            self.assertEqual(yamlfile.load_file(bundled.path(name)),
                             built, name)
            # each load is a fresh copy: a caller's change stays its own
            built.clear()
            self.assertNotEqual({}, bundled.load(name))

    def test_bundled_objects_equal_those_from_the_yaml(self):
        from_yaml = release_calendar.load_calendar(
            bundled.path(bundled.CALENDAR))
        self.assertEqual(from_yaml.series,
                         release_calendar.bundled_calendar().series)
        manifest = driver_manifest.load_manifest(
            [driver_manifest.bundled_manifest_path()],
            release_calendar.bundled_calendar())
        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support.data.load', bundled.load_yaml))
        reference = driver_manifest.load_manifest(
            [driver_manifest.bundled_manifest_path()],
            release_calendar.bundled_calendar())
        self.assertEqual(reference.drivers, manifest.drivers)
        self.assertEqual(reference.evidence_release,
                         manifest.evidence_release)

    def test_a_service_reads_the_compiled_data_and_the_check_fails(self):
        """An edited YAML changes nothing until it is compiled.

        The service trusts the compiled module (no digest at start-up);
        ``compile_data --check``, run by the unit tests and the pep8 gate,
        is what catches the edit.
        """
        directory = self.copy_bundled_data()
        path = os.path.join(directory, bundled.MANIFEST)
        with open(path, 'a', encoding='utf-8') as stream:
            stream.write('  newdriver:\n'
                         '    entry_point: new.driver:Driver\n')
        self.assertNotIn('newdriver',
                         list(bundled.load(bundled.MANIFEST)['drivers']))
        self.assertIn('newdriver', list(
            bundled.load_yaml(bundled.MANIFEST, directory)['drivers']))
        self.assertFalse(compiler.is_current(directory))
        self.assertTrue(compiler.is_current())

    def test_invalid_compiled_data_is_reported_with_the_yaml_line(self):
        """An error in the bundled data still names its line."""
        calendar = release_calendar.bundled_calendar()
        # a calendar that stops before icehouse knows no driver's series
        short = release_calendar.Calendar(calendar.series[:5])
        error = self.assertRaises(
            exception.ManifestError, driver_manifest.load_manifest,
            [driver_manifest.bundled_manifest_path()], short)
        self.assertEqual(driver_manifest.bundled_manifest_path(), error.path)
        self.assertIsNotNone(error.line)
        with open(error.path, encoding='utf-8') as stream:
            line = stream.read().splitlines()[error.line - 1]
        self.assertIn('series', line)

    def test_build_takes_the_line_from_the_yaml(self):
        """Either bundled file: an invalid entry is named by its line."""
        def builder(data):
            first = data['series'][0]
            raise exception.ManifestError('bad series', path='calendar',
                                          line=bundled.yaml_line_of(first))
        error = self.assertRaises(exception.ManifestError, bundled.build,
                                  bundled.CALENDAR, builder)
        self.assertIsNotNone(error.line)

    def test_build_raises_the_first_error_when_the_yaml_passes(self):
        def builder(data):
            if type(data) is dict:
                raise exception.ManifestError('compiled only')
            return data
        error = self.assertRaises(exception.ManifestError, bundled.build,
                                  bundled.CALENDAR, builder)
        self.assertIn('compiled only', str(error))

    def test_check_command(self):
        self.assertEqual(0, compiler.main(['--check']))
        directory = self.copy_bundled_data()
        path = bundled.path(bundled.CALENDAR, directory)
        with open(path, encoding='utf-8') as stream:
            text = stream.read()
        with open(path, 'w', encoding='utf-8') as stream:
            # a comment compiles to nothing; a date does
            stream.write(text.replace('# OpenStack', '# Edited: OpenStack')
                         .replace('2010-10-21', '2010-10-22'))
        self.assertEqual(0, compiler.main(['--check']))
        stderr = io.StringIO()
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', stderr))
        self.assertEqual(1, compiler.main(['--check', '--data-dir',
                                           directory]))
        self.assertIn(compiler.COMMAND, stderr.getvalue())

    def test_compiling_refuses_what_has_no_literal(self):
        self.assertRaises(TypeError, compiler.literal_data, {'a': {1, 2}})
        self.assertEqual({'a': [1, None]},
                         compiler.literal_data({'a': [1, None]}))


class NoYamlAtRunTimeTest(base.TestCase):

    def test_bundled_policy_does_not_import_yaml(self):
        code = textwrap.dedent("""\
            import sys, warnings
            warnings.simplefilter('ignore')
            import oslo_messaging_support as oms
            oms.get_manifest()
            oms.get_calendar()
            oms.evaluate('rabbit')
            print(sorted(m for m in sys.modules if m.split('.')[0] == 'yaml'))
            """)
        output = subprocess.run([sys.executable, '-c', code], check=True,
                                capture_output=True, text=True).stdout
        self.assertEqual('[]', output.strip())
