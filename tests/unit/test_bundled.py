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

from oslo_messaging_support import _bundled
from oslo_messaging_support import _bundled_data
from oslo_messaging_support import _calendar
from oslo_messaging_support import _compile_data
from oslo_messaging_support import _manifest
from oslo_messaging_support import _yamlfile
from oslo_messaging_support import exception
from tests import base


class CompiledDataTest(base.TestCase):

    def test_compiled_data_is_current(self):
        self.assertTrue(
            _compile_data.is_current(),
            'oslo_messaging_support/_bundled_data.py is stale: run %s'
            % _compile_data.COMMAND)

    def test_compiled_data_equals_the_yaml(self):
        for name in (_bundled.MANIFEST, _bundled.CALENDAR):
            compiled = _bundled_data.FILES[name][1]()
            self.assertEqual(_yamlfile.load_file(_bundled.path(name)),
                             compiled, name)
            # each load is a fresh copy: a caller's change stays its own
            compiled.clear()
            self.assertNotEqual({}, _bundled.load(name))

    def test_bundled_objects_equal_those_from_the_yaml(self):
        from_yaml = _calendar.load_calendar(_bundled.path(_bundled.CALENDAR))
        self.assertEqual(from_yaml.series,
                         _calendar.bundled_calendar().series)
        manifest = _manifest.load_manifest(
            [_manifest.bundled_manifest_path()],
            _calendar.bundled_calendar())
        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support._bundled.load', _bundled.load_yaml))
        reference = _manifest.load_manifest(
            [_manifest.bundled_manifest_path()],
            _calendar.bundled_calendar())
        self.assertEqual(reference.drivers, manifest.drivers)
        self.assertEqual(reference.evidence_release,
                         manifest.evidence_release)

    def test_an_edited_yaml_wins_over_stale_compiled_data(self):
        directory = self.copy_bundled_data()
        path = os.path.join(directory, _bundled.MANIFEST)
        with open(path, 'a', encoding='utf-8') as stream:
            stream.write('  newdriver:\n'
                         '    entry_point: new.driver:Driver\n')
        self.assertIn('newdriver',
                      list(_bundled.load(_bundled.MANIFEST)['drivers']))
        self.assertFalse(_compile_data.is_current())
        error = self.assertRaises(
            exception.ManifestError, _yamlfile.load_file,
            os.path.join(directory, _bundled.CALENDAR) + '.missing')
        self.assertIn('no such file', str(error))

    def test_compiled_data_serves_when_the_yaml_is_missing(self):
        directory = self.copy_bundled_data()
        os.unlink(os.path.join(directory, _bundled.CALENDAR))
        self.assertEqual(_bundled_data.FILES[_bundled.CALENDAR][1](),
                         _bundled.load(_bundled.CALENDAR))

    def test_invalid_compiled_data_is_reported_with_the_yaml_line(self):
        """An error in the bundled data still names its line."""
        calendar = _calendar.bundled_calendar()
        # a calendar that stops before icehouse knows no driver's series
        short = _calendar.Calendar(calendar.series[:5])
        error = self.assertRaises(
            exception.ManifestError, _manifest.load_manifest,
            [_manifest.bundled_manifest_path()], short)
        self.assertEqual(_manifest.bundled_manifest_path(), error.path)
        self.assertIsNotNone(error.line)
        with open(error.path, encoding='utf-8') as stream:
            line = stream.read().splitlines()[error.line - 1]
        self.assertIn('series', line)

    def test_build_takes_the_line_from_the_yaml(self):
        """Either bundled file: an invalid entry is named by its line."""
        def builder(data):
            first = data['series'][0]
            raise exception.ManifestError('bad series', path='calendar',
                                          line=_bundled.line_of(first))
        error = self.assertRaises(exception.ManifestError, _bundled.build,
                                  _bundled.CALENDAR, builder)
        self.assertIsNotNone(error.line)

    def test_build_raises_the_first_error_when_the_yaml_passes(self):
        def builder(data):
            if type(data) is dict:
                raise exception.ManifestError('compiled only')
            return data
        error = self.assertRaises(exception.ManifestError, _bundled.build,
                                  _bundled.CALENDAR, builder)
        self.assertIn('compiled only', str(error))

    def test_check_command(self):
        self.assertEqual(0, _compile_data.main(['--check']))
        self.copy_bundled_data()
        with open(_bundled.path(_bundled.CALENDAR), 'a',
                  encoding='utf-8') as stream:
            stream.write('# edited\n')
        stderr = io.StringIO()
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', stderr))
        self.assertEqual(1, _compile_data.main(['--check']))
        self.assertIn(_compile_data.COMMAND, stderr.getvalue())

    def test_compiling_refuses_what_has_no_literal(self):
        self.assertRaises(TypeError, _compile_data.plain, {'a': {1, 2}})
        self.assertEqual({'a': [1, None]},
                         _compile_data.plain({'a': [1, None]}))


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
