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
"""A real service process, configured by a config file as operators do."""

import os
import subprocess
import sys
import textwrap

from tests import fixtures_support
from tests.functional import base

PASSWORD = 'Sup3r$ecret:p@ss'
QUOTED_PASSWORD = 'Sup3r%24ecret%3Ap%40ss'

RABBIT_DEPRECATED = """
drivers:
  rabbit:
    replacement: fake
    lifecycle:
      - {series: icehouse, status: supported}
      - {series: 2026.2, status: deprecated}
"""


class ServiceTest(base.BrokerTestCase):
    """What a service's operator sees in its log, stderr and exit status."""

    def run_service(self, url, support='', mode='drop-in', pythonpath=(),
                    args=()):
        self.runs = getattr(self, 'runs', 0) + 1
        log_file = os.path.join(self.tempdir, 'demo-%d.log' % self.runs)
        conf_file = self.write_file('demo.conf', textwrap.dedent("""\
            [DEFAULT]
            transport_url = %s
            log_file = %s
            debug = true

            [service]
            mode = %s


            [oslo_messaging_support]
            """) % (url, log_file, mode) + textwrap.dedent(support))
        env = dict(os.environ)
        root = os.path.dirname(os.path.dirname(os.path.dirname(
            os.path.abspath(__file__))))
        env['PYTHONPATH'] = os.pathsep.join(
            list(pythonpath) + [root, env.get('PYTHONPATH', '')])
        result = subprocess.run(
            [sys.executable, '-m', 'tests.functional._service'] +
            list(args) + ['--config-file', conf_file],
            capture_output=True, text=True, timeout=240, env=env, cwd=root)
        with open(log_file) as stream:
            log = stream.read()
        for text in (result.stdout, result.stderr, log):
            self.assertNotIn(PASSWORD, text)
            self.assertNotIn(QUOTED_PASSWORD, text)
        return result, log

    @staticmethod
    def logged(level, text, log):
        """Whether the library logged ``text`` at ``level`` in ``log``."""
        return any('%s oslo.messaging_support' % level in line and
                   text in line for line in log.splitlines())

    def broker_url(self, scheme='rabbit', password=QUOTED_PASSWORD):
        host, port = base.broker_address()
        if scheme == 'rabbit':
            # the broker's own credentials; the secret one is for refusals
            return base.RABBIT_URL
        return '%s://nova:%s@%s:%d/' % (scheme, password, host, port)

    def test_supported_driver_is_silent(self):
        for mode in ('drop-in', 'enable', 'swap', 'swap-enable'):
            result, log = self.run_service(self.broker_url(), mode=mode)
            self.assertEqual(0, result.returncode, result.stderr + log)
            self.assertIn('answer: ping', result.stdout)
            self.assertNotIn('WARNING oslo.messaging_support', log)

    def test_deprecated_driver_warns_once_in_the_log(self):
        overlay = self.write_file('overlay.yaml', RABBIT_DEPRECATED)
        for mode in ('drop-in', 'enable'):
            result, log = self.run_service(
                self.broker_url(), 'manifest_overlay = %s\n' % overlay,
                mode=mode)
            self.assertEqual(0, result.returncode, result.stderr + log)
            lines = [line for line in log.splitlines()
                     if 'WARNING oslo.messaging_support' in line]
            # enable() reads the overlay and says what it changes; the
            # drop-in says so at the first transport the overlay changes
            overlay_line = lines.pop(0)
            self.assertIn('rabbit goes from supported to deprecated by '
                          'the overlay at %s.' % overlay, overlay_line)
            self.assertEqual(1, len(lines), log)
            self.assertIn("Transport driver 'rabbit' is deprecated", lines[0])
            self.assertIn('hibiscus (2026.2)', lines[0])
            self.assertIn('2027.2', lines[0])
            self.assertIn('Use fake instead', lines[0])

    def test_unknown_driver_is_refused_cleanly(self):
        for mode in ('drop-in', 'enable', 'swap', 'swap-enable'):
            result, log = self.run_service(self.broker_url('mydriver'),
                                           mode=mode)
            self.assertEqual(1, result.returncode)
            self.assertEqual(1, len(result.stderr.strip().splitlines()),
                             result.stderr)
            self.assertIn("Refusing transport driver 'mydriver': it is not a"
                          " driver of the support manifest", result.stderr)
            self.assertIn('allowed_drivers = mydriver', result.stderr)
            self.assertNotIn('Traceback', result.stderr)
            # checked once, whichever way the service asked
            self.assertEqual(1, log.count('ERROR oslo.messaging_support'),
                             mode)
            self.assertIn('mydriver://nova:***@', log)

    def test_removed_driver_is_refused(self):
        result, log = self.run_service(self.broker_url('amqp'))
        self.assertEqual(1, result.returncode)
        self.assertIn("Refusing transport driver 'amqp': it was removed "
                      'from oslo.messaging in epoxy', result.stderr)
        self.assertIn('Use RabbitMQ or Kafka instead', result.stderr)

    def test_private_driver_allowed_per_driver(self):
        """A private driver loads once the operator names it."""
        site = fixtures_support.make_private_driver(
            os.path.join(self.tempdir, 'site'))
        url = 'private://nova:%s@h/' % QUOTED_PASSWORD
        result, _ = self.run_service(url, pythonpath=[site])
        self.assertEqual(1, result.returncode)
        self.assertIn('allowed_drivers = private', result.stderr)
        result, log = self.run_service(url, 'allowed_drivers = private\n',
                                       pythonpath=[site])
        self.assertEqual(0, result.returncode, result.stderr + log)
        self.assertIn("Transport driver 'private' is not a driver of the "
                      'support manifest', log)
        self.assertIn('It loads only because [oslo_messaging_support] '
                      'allowed_drivers names it.', log)
        result, log = self.run_service(url,
                                       'allow_unsupported_drivers = true\n',
                                       pythonpath=[site], mode='enable')
        self.assertEqual(0, result.returncode, result.stderr + log)

    def test_evaluation_release_cannot_open_the_gate(self):
        """An old evaluation_release in the service's file changes nothing.

        amqp was declared supported in antelope (2023.1) and zmq and qpid
        in liberty; the installed series refuses all three, and so does the
        service, whichever way it creates its transports.
        """
        cases = (('amqp', '2023.1', 'it was removed from oslo.messaging in '
                                    'epoxy'),
                 ('zmq', 'liberty', 'it was removed from oslo.messaging in '
                                    'stein'),
                 ('qpid', 'liberty', 'it was removed from oslo.messaging in '
                                     'mitaka'))
        for scheme, release, reason in cases:
            for mode in ('drop-in', 'enable'):
                result, log = self.run_service(
                    self.broker_url(scheme),
                    'evaluation_release = %s\nstrict_mode = true\n'
                    % release, mode=mode)
                self.assertEqual(1, result.returncode, (scheme, mode, log))
                self.assertIn("Refusing transport driver '%s': %s"
                              % (scheme, reason), result.stderr)
                self.assertNotIn('Traceback', result.stderr)

    def test_overlay_revival_is_logged(self):
        """An overlay may revive a removed driver, never alone or silently.

        The overlay alone is refused; with allowed_drivers naming the
        driver too, the policy lets it through, and says so in the log.
        """
        overlay = self.write_file('revive.yaml', textwrap.dedent("""\
            drivers:
              amqp:
                lifecycle:
                  - {series: juno, status: supported}
            """))
        sentence = ('amqp goes from removed to supported by the overlay '
                    'at %s.' % overlay)
        for mode in ('drop-in', 'enable'):
            result, log = self.run_service(
                self.broker_url('amqp'),
                'manifest_overlay = %s\n' % overlay, mode=mode)
            self.assertEqual(1, result.returncode, result.stderr + log)
            self.assertIn("Refusing transport driver 'amqp'", result.stderr)
            self.assertIn('an overlay alone may not reopen the gate',
                          result.stderr)
            self.assertTrue(self.logged('WARNING', sentence, log), log)
        result, log = self.run_service(
            self.broker_url('amqp'),
            'manifest_overlay = %s\nallowed_drivers = amqp\n' % overlay,
            mode='enable')
        self.assertTrue(self.logged('WARNING', sentence, log), log)
        # The policy lets it through; oslo.messaging 15.0.0 and later no
        # longer ship the driver, so its own loader fails instead.
        self.assertNotIn("Refusing transport driver 'amqp'", result.stderr)
