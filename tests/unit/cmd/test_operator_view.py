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
"""``check`` and the upgrade check see what the service will do.

Each test runs the real command line (in process, or as a subprocess
where the environment matters) on real configuration files.
"""

import json
import os
import subprocess
import sys

import fixtures
from oslo_config import cfg

from oslo_messaging_support.cmd import _common
from oslo_messaging_support import opts
from oslo_messaging_support.service import configuration
from oslo_messaging_support import upgradecheck as messaging_check
from tests.unit.cmd import base

RPC = '[DEFAULT] transport_url'


def run_subprocess(*argv, env=None):
    """The console entry point in a fresh interpreter."""
    environ = dict(os.environ, PYTHONWARNINGS='ignore')
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, '-m', 'oslo_messaging_support.cmd.main'] +
        list(argv), capture_output=True, text=True, env=environ,
        timeout=120)


class TestEnvironmentOverrides(base.CommandTestCase):
    """OS_<GROUP>__<OPTION> overrides the files, as in the service."""

    def test_environment_wins_over_the_file(self):
        self.useFixture(fixtures.EnvironmentVariable(
            'OS_DEFAULT__TRANSPORT_URL', 'zmq://u:Env-Pw@h/'))
        status, data, _ = self.run_json(
            'check', '--config-file', base.fixture('rabbit.conf'))
        self.assertEqual(2, status)
        self.assertEqual(['zmq', 'zmq'], [row['Driver'] for row in data])
        self.assertEqual(['environment OS_DEFAULT__TRANSPORT_URL'] * 2,
                         [row['Source'] for row in data])
        self.assertEqual(['failure', 'failure'],
                         [row['Result'] for row in data])
        self.assertNotIn('Env-Pw', json.dumps(data))

    def test_subprocess_check_and_upgrade_check_agree(self):
        """The issue's case: the environment's zmq, not the file's rabbit.

        The upgrade check on the same file and environment (a service's
        ConfigOpts, parsed with use_env) gives the same failure.
        """
        env = {'OS_DEFAULT__TRANSPORT_URL': 'zmq://u:Env-Pw@h/'}
        process = run_subprocess('check', '--config-file',
                                 base.fixture('nova.conf'), '-f', 'json',
                                 env=env)
        self.assertEqual(2, process.returncode, process.stderr)
        data = json.loads(process.stdout)
        self.assertEqual(('zmq', 'refuse', 'failure'),
                         (data[0]['Driver'], data[0]['Action'],
                          data[0]['Result']))
        self.assertEqual('environment OS_DEFAULT__TRANSPORT_URL',
                         data[0]['Source'])
        self.assertNotIn('Env-Pw', process.stdout + process.stderr)

        self.useFixture(fixtures.EnvironmentVariable(
            'OS_DEFAULT__TRANSPORT_URL', env['OS_DEFAULT__TRANSPORT_URL']))
        conf = cfg.ConfigOpts()
        conf(args=[], default_config_files=[base.fixture('nova.conf')])
        result = messaging_check.check_messaging_drivers(None, conf)
        self.assertEqual('FAILURE', result.code.name)
        self.assertIn('zmq was removed', result.details)


class TestSource(base.CommandTestCase):
    """The Source column: file and line, environment, default."""

    def test_file_and_line(self):
        conf = self.write_file('svc.conf', """
            [DEFAULT]
            debug = true

            [oslo_messaging_notifications]
            driver = messagingv2
            transport_url = rabbit://n@h2/
            [DEFAULT]
            transport_url = rabbit://r@h1/
            """)
        status, data, _ = self.run_json('check', '--config-file', conf)
        self.assertEqual(0, status)
        self.assertEqual(['%s:9' % conf, '%s:7' % conf],
                         [row['Source'] for row in data])

    def test_later_file_and_config_dir(self):
        first = self.write_file('a.conf', '[DEFAULT]\n'
                                          'transport_url = rabbit://a/\n')
        directory = os.path.join(self.tempdir, 'svc.conf.d')
        os.mkdir(directory)
        with open(os.path.join(directory, '10-url.conf'), 'w') as stream:
            stream.write('[DEFAULT]\n\ntransport_url = rabbit://d/\n')
        status, data, _ = self.run_json('check', '--config-file', first,
                                        '--config-dir', directory)
        self.assertEqual(0, status)
        self.assertEqual('%s:3' % os.path.join(directory, '10-url.conf'),
                         data[0]['Source'])

    def test_command_line_url(self):
        status, data, _ = self.run_json('check', '--url', 'rabbit://h/')
        self.assertEqual('command line', data[0]['Source'])


class TestNothingToRead(base.CommandTestCase):
    """No file: say so, fail as an input error; --project finds them."""

    def setUp(self):
        super().setUp()
        self.home = os.path.join(self.tempdir, 'home')
        os.mkdir(self.home)
        self.useFixture(fixtures.EnvironmentVariable('HOME', self.home))

    def test_no_configuration_is_an_input_error(self):
        output = self.run_cli('check')
        self.assertOneLineError(output, 'no configuration to read',
                                '--project')

    def test_project_finds_the_files_as_oslo_config_does(self):
        project = os.path.join(self.home, '.svcx')
        os.makedirs(os.path.join(project, 'svcx.conf.d'))
        with open(os.path.join(project, 'svcx.conf'), 'w') as stream:
            stream.write('[DEFAULT]\ntransport_url = rabbit://h/\n')
        with open(os.path.join(project, 'svcx.conf.d', 'notify.conf'),
                  'w') as stream:
            stream.write('[oslo_messaging_notifications]\n'
                         'transport_url = zmq://h/\n')
        status, data, _ = self.run_json('check', '--project', 'svcx')
        self.assertEqual(2, status)
        self.assertEqual([('rabbit', '%s:2' % os.path.join(project,
                                                           'svcx.conf')),
                          ('zmq', '%s:2' % os.path.join(
                              project, 'svcx.conf.d', 'notify.conf'))],
                         [(row['Driver'], row['Source']) for row in data])

    def test_project_without_files(self):
        output = self.run_cli('check', '--project', 'no-such-svc')
        self.assertOneLineError(output, '--project no-such-svc',
                                'no configuration file')


class TestInterpolation(base.CommandTestCase):
    """$name of an option the check does not know."""

    def test_unknown_host_is_judged_by_the_scheme(self):
        conf = self.write_file('svc.conf', """
            [DEFAULT]
            transport_url = rabbit://u:Interp-Pw@$my_ip:5672/
            """)
        output = self.run_cli('check', '--config-file', conf, '-f', 'json')
        self.assertEqual(0, output.status, output.stderr)
        data = json.loads(output.stdout)
        self.assertEqual(['rabbit', 'rabbit'],
                         [row['Driver'] for row in data])
        self.assertIn('$my_ip is not an option this check knows',
                      data[0]['Reason'])
        self.assertNotIn('no such option', output.stdout + output.stderr)
        self.assertNoSecret(output, 'Interp-Pw')

    def test_the_option_set_in_another_file_is_used(self):
        conf = self.write_file('svc.conf', """
            [DEFAULT]
            transport_url = rabbit://u:Interp-Pw@$my_ip:5672/
            """)
        extra = self.write_file('ip.conf', '[DEFAULT]\nmy_ip = 10.1.2.3\n')
        status, data, _ = self.run_json('check', '--config-file', conf,
                                        '--config-file', extra)
        self.assertEqual(0, status)
        self.assertEqual('rabbit://u:***@10.1.2.3:5672/', data[0]['URL'])
        self.assertNotIn('not an option', data[0]['Reason'])

    def test_unknown_scheme_is_one_clear_line(self):
        conf = self.write_file('svc.conf', """
            [DEFAULT]
            transport_url = $backend://u:Interp-Pw@h/
            """)
        output = self.run_cli('check', '--config-file', conf)
        self.assertOneLineError(output, RPC, conf, '$backend')
        self.assertNotIn('no such option', output.stderr)
        self.assertNoSecret(output, 'Interp-Pw')

    def test_upgrade_check_names_the_reference(self):
        """A service's own ConfigOpts gets no stand-in option."""
        conf = cfg.ConfigOpts()
        path = self.write_file('svc.conf', """
            [DEFAULT]
            transport_url = rabbit://u:Interp-Pw@${net.my_ip}:5672/
            """)
        conf(args=[], default_config_files=[path])
        result = messaging_check.check_messaging_drivers(None, conf)
        self.assertEqual('FAILURE', result.code.name)
        self.assertIn('${net.my_ip}', result.details)
        self.assertIn(path, result.details)
        self.assertNotIn('Interp-Pw', result.details)
        self.assertNotIn('my_ip', list(conf))


class TestLoadable(base.CommandTestCase):
    """Installed means the entry point loads, with its dependencies."""

    KAFKA_MODULES = ('confluent_kafka', 'oslo_messaging._drivers.impl_kafka')

    def hide_kafka_client(self):
        """confluent-kafka cannot be imported, whatever is installed."""
        saved = {name: module for name, module in sys.modules.items()
                 if name.startswith(self.KAFKA_MODULES)}

        def restore():
            for name in [name for name in sys.modules
                         if name.startswith(self.KAFKA_MODULES)]:
                del sys.modules[name]
            sys.modules.update(saved)

        self.addCleanup(restore)
        restore()
        for name in saved:
            del sys.modules[name]
        sys.modules['confluent_kafka'] = None

    def test_kafka_without_its_client_library_is_a_failure(self):
        self.hide_kafka_client()
        status, data, _ = self.run_json(
            'check', '--notification-url', 'kafka://h/')
        self.assertEqual(2, status)
        row, = data
        self.assertEqual(('warn', False, 'failure'),
                         (row['Action'], row['Installed'], row['Result']))
        self.assertIn("'confluent_kafka' is missing", row['Reason'])
        self.assertIn('oslo_messaging._drivers.impl_kafka', row['Reason'])

    def test_kafka_with_its_client_library_warns(self):
        self.install_kafka_client()
        status, data, _ = self.run_json(
            'check', '--notification-url', 'kafka://h/')
        self.assertEqual(1, status)
        self.assertEqual((True, 'warning'),
                         (data[0]['Installed'], data[0]['Result']))

    def test_entry_point_whose_module_is_missing(self):
        self.install_driver('foo', 'foo_missing_pkg.driver:FooDriver')
        conf = self.write_file('allow.conf', """
            [oslo_messaging_support]
            allowed_drivers = foo
            """)
        status, data, _ = self.run_json('check', '--config-file', conf,
                                        '--url', 'foo://h/')
        self.assertEqual(2, status)
        self.assertEqual(('warn', False, 'failure'),
                         (data[0]['Action'], data[0]['Installed'],
                          data[0]['Result']))
        self.assertIn("'foo_missing_pkg' is missing", data[0]['Reason'])


class TestSameDecisionAsTheService(base.CommandTestCase):
    """check's action is the service path's decision, case by case."""

    CASES = (
        ('amqp', '2024.2', {}),
        ('amqp', None, {}),
        ('kafka', 'newton', {}),
        ('kafka', None, {'strict_mode': 'true'}),
        ('zmq', 'rocky', {'allow_unsupported_drivers': 'true'}),
        ('mydriver', None, {'allowed_drivers': 'mydriver'}),
        ('rabbit', '2027.1', {}),
    )

    def test_cases(self):
        for driver, release, settings in self.CASES:
            lines = ['[oslo_messaging_support]']
            if release:
                lines.append('evaluation_release = %s' % release)
            lines.extend('%s = %s' % item for item in settings.items())
            path = self.write_file('case.conf', '\n'.join(lines) + '\n')
            status, data, _ = self.run_json(
                'check', '--config-file', path, '--notification-url',
                '%s://h/' % driver)
            conf = cfg.ConfigOpts()
            opts.register_opts(conf)
            conf(args=[], default_config_files=[path])
            service = configuration.decide_transport(
                conf, driver, 'notifications')
            case = (driver, release, settings)
            self.assertEqual(str(service.action), data[0]['Action'], case)
            self.assertEqual(str(service.tier), data[0]['Tier'], case)


class TestTestOnlyDriver(base.CommandTestCase):
    """fake:// in a deployment drops every message: a warning."""

    def test_check_warns(self):
        output = self.run_cli('check', '--url', 'fake://', '-f', 'json')
        self.assertEqual(1, output.status)
        row, = json.loads(output.stdout)
        self.assertEqual(('load', 'warning'), (row['Action'], row['Result']))
        self.assertIn('drops every message', row['Reason'])

    def test_upgrade_check_warns(self):
        conf = cfg.ConfigOpts()
        conf(args=[], default_config_files=[self.write_file(
            'svc.conf', '[DEFAULT]\ntransport_url = fake://\n')])
        result = messaging_check.check_messaging_drivers(None, conf)
        self.assertEqual('WARNING', result.code.name)
        self.assertIn('drops every message', result.details)


class TestUnreadableInputs(base.CommandTestCase):
    """Inputs that cannot be read are errors, never "nothing found"."""

    def test_config_dir_that_cannot_be_listed(self):
        directory = os.path.join(self.tempdir, 'svc.conf.d')
        os.mkdir(directory)
        real = os.listdir

        def listdir(path='.'):
            if os.path.abspath(path) == directory:
                raise PermissionError(13, 'Permission denied')
            return real(path)

        self.useFixture(fixtures.MonkeyPatch('os.listdir', listdir))
        for command in ('check', 'list'):
            output = self.run_cli(command, '--config-dir', directory)
            self.assertOneLineError(output, directory, 'cannot be listed',
                                    'Permission denied')

    def test_file_that_disappears(self):
        path = self.write_file('svc.conf', '[DEFAULT]\n')
        checked = _common.check_configuration_files

        def check_then_vanish(parsed_args):
            checked(parsed_args)
            os.unlink(path)

        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support.cmd._common.check_configuration_files',
            check_then_vanish))
        output = self.run_cli('check', '--config-file', path)
        self.assertOneLineError(output, path)

    def test_config_source_is_skipped(self):
        path = self.write_file('svc.conf', """
            [DEFAULT]
            transport_url = rabbit://h/
            config_source = remote
            [remote]
            driver = remote_file
            uri = http://192.0.2.1/svc.conf
            """)
        output = self.run_cli('check', '--config-file', path, '-f', 'value',
                              '-c', 'Driver')
        self.assertEqual(0, output.status, output.stderr)
        self.assertEqual(['rabbit', 'rabbit'], output.stdout.split())
        self.assertIn('config_source names [remote]', output.stderr)
        self.assertIn('not fetched', output.stderr)
