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
"""What a real service's log tells its operator to do.

The service of :mod:`tests.functional._service`, configured by a file,
with oslo.log writing its log file and RabbitMQ carrying its messages.
"""

import textwrap

import oslo_messaging_support as oms
from tests.functional import base
from tests.functional import test_service

LOGGER = 'oslo.messaging_support'


def _series():
    """The long label of the installed oslo.messaging's series."""
    return oms.evaluate('rabbit').point.series.long_label


class ServiceLogTest(base.BrokerTestCase):

    run_service = test_service.ServiceTest.run_service
    broker_url = test_service.ServiceTest.broker_url

    def lines(self, log, level):
        return [line for line in log.splitlines()
                if ' %s %s ' % (level, LOGGER) in line]

    def test_refusal_names_the_option_url_and_series(self):
        url = self.broker_url('mydriver')
        masked = url.replace(test_service.QUOTED_PASSWORD, '***')
        for mode in ('drop-in', 'enable'):
            result, log = self.run_service(url, mode=mode)
            self.assertEqual(1, result.returncode, result.stderr + log)
            error = self.lines(log, 'ERROR')
            self.assertEqual(1, len(error), log)
            self.assertTrue(error[0].endswith(
                '([DEFAULT] transport_url = %s, at series %s)'
                % (masked, _series())), error[0])

    def test_notification_refusal_names_its_option(self):
        support = textwrap.dedent("""\
            [oslo_messaging_notifications]
            transport_url = %s
            """) % self.broker_url('zmq')
        for mode in ('drop-in', 'enable'):
            result, log = self.run_service(self.broker_url(), support,
                                           mode=mode)
            self.assertEqual(1, result.returncode, result.stderr + log)
            self.assertIn('([oslo_messaging_notifications] transport_url = '
                          'zmq://nova:***@', self.lines(log, 'ERROR')[0])

    def test_deprecated_driver_warning_says_what_silences_it(self):
        overlay = self.write_file('overlay.yaml',
                                  test_service.RABBIT_DEPRECATED)
        result, log = self.run_service(
            self.broker_url(), 'manifest_overlay = %s\n' % overlay,
            mode='drop-in')
        self.assertEqual(0, result.returncode, result.stderr + log)
        warning = [line for line in self.lines(log, 'WARNING')
                   if "Transport driver 'rabbit'" in line]
        self.assertEqual(1, len(warning), log)
        self.assertIn('([DEFAULT] transport_url = rabbit://guest:***@',
                      warning[0])
        self.assertIn('at series %s)' % _series(), warning[0])
        self.assertIn('No [oslo_messaging_support] switch silences this '
                      'warning', warning[0])

    def test_enable_logs_one_info_line(self):
        result, log = self.run_service(self.broker_url(), mode='enable')
        self.assertEqual(0, result.returncode, result.stderr + log)
        info = [line for line in self.lines(log, 'INFO')
                if 'policy is on' in line]
        self.assertEqual(1, len(info), log)
        self.assertIn('it evaluates at series %s, that of the installed '
                      'oslo.messaging ' % _series(), info[0])
        self.assertIn('no manifest overlay.', info[0])

    def test_enable_before_parse_announces_the_overlay(self):
        overlay = self.write_file('overlay.yaml',
                                  test_service.RABBIT_DEPRECATED)
        result, log = self.run_service(
            self.broker_url(), 'manifest_overlay = %s\n' % overlay,
            mode='plain', args=['--enable-before-parse'])
        self.assertEqual(0, result.returncode, result.stderr + log)
        self.assertIn('rabbit goes from supported to deprecated by the '
                      'overlay at %s.' % overlay, log)
        self.assertIn("Transport driver 'rabbit' is deprecated", log)

    def test_enable_before_parse_stops_on_a_bad_value(self):
        broken = self.write_file('broken.yaml', 'drivers: [1]\n')
        for support, start in (
                ('evaluation_release = epoxi\n',
                 '[oslo_messaging_support] evaluation_release = epoxi: '),
                ('manifest_overlay = %s\n' % broken,
                 '[oslo_messaging_support] manifest_overlay: %s:1: '
                 % broken)):
            result, log = self.run_service(
                self.broker_url(), support, mode='plain',
                args=['--enable-before-parse'])
            self.assertEqual(1, result.returncode, result.stderr + log)
            self.assertEqual(['demo-service: cannot start: ' + start],
                             [line[:len('demo-service: cannot start: ') +
                                   len(start)]
                              for line in result.stderr.splitlines()])
            self.assertNotIn('Traceback', result.stderr)

    def test_a_misspelled_allowed_driver_is_warned_about_once(self):
        result, log = self.run_service(self.broker_url(),
                                       'allowed_drivers = kafak\n',
                                       mode='enable')
        self.assertEqual(0, result.returncode, result.stderr + log)
        typo = [line for line in self.lines(log, 'WARNING')
                if 'kafak' in line]
        self.assertEqual(1, len(typo), log)
        self.assertIn('Did you mean kafka', typo[0])

    def test_fake_loads_with_one_info_line(self):
        """A service's own test suite on fake:// keeps working."""
        for mode in ('drop-in', 'enable'):
            result, log = self.run_service('fake://', mode=mode)
            self.assertEqual(0, result.returncode, result.stderr + log)
            self.assertIn('answer: ping', result.stdout)
            fake = [line for line in self.lines(log, 'INFO')
                    if 'test-only driver' in line]
            self.assertEqual(1, len(fake), log)
            self.assertIn('a deployment drops every message', fake[0])
            self.assertEqual([], self.lines(log, 'WARNING'))

    def test_strict_mode_refuses_fake(self):
        result, log = self.run_service('fake://', 'strict_mode = true\n',
                                       mode='enable')
        self.assertEqual(1, result.returncode, result.stderr + log)
        self.assertIn("Refusing transport driver 'fake'", result.stderr)
        self.assertIn('strict_mode refuses testing drivers', result.stderr)
