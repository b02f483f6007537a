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
"""A service imports only what the decision needs."""

import json
import subprocess
import sys
import textwrap

from oslo_config import cfg
import oslo_messaging

import oslo_messaging_support as oms
from oslo_messaging_support import exception
from tests import base
from tests import fixtures_support

#: Modules a service never needs: the command line, the docs, PyYAML.
NEVER = ('cliff', 'sphinx', 'docutils', 'yaml', 'oslo_upgradecheck')


def run(code):
    """The JSON a fresh interpreter prints for ``code``."""
    script = textwrap.dedent("""\
        import json, sys, warnings
        warnings.simplefilter('ignore')
        """) + textwrap.dedent(code)
    return json.loads(subprocess.run(
        [sys.executable, '-c', script + 'print(json.dumps(RESULT))'],
        check=True, capture_output=True, text=True).stdout)


class ImportsTest(base.TestCase):

    def test_data_modules_do_not_import_oslo_messaging(self):
        result = run("""\
            from oslo_messaging_support.engine import support
            support.POLICY.decide('rabbit')
            RESULT = [m for m in sys.modules
                      if m.split('.')[0] in ('oslo_messaging', 'yaml')]
            """)
        self.assertEqual([], result)

    def service_modules(self, enable, urls=('fake://', 'rabbit://h/'),
                        wanted=NEVER):
        """The modules of ``wanted`` (and below) a service has loaded.

        The service creates an RPC and a notification transport for each
        of ``urls``, after ``enable()`` if ``enable``.
        """
        return run("""\
            import oslo_messaging
            from oslo_config import cfg
            import oslo_messaging_support
            conf = cfg.ConfigOpts()
            conf([], project='service')
            if %r:
                oslo_messaging_support.enable(conf)
            for url in %r:
                oslo_messaging.get_rpc_transport(conf, url).cleanup()
                oslo_messaging.get_notification_transport(
                    conf, url).cleanup()
            oslo_messaging_support.disable()
            wanted = %r
            RESULT = sorted(m for m in sys.modules if any(
                m == name or m.startswith(name + '.') for name in wanted))
            """ % (enable, urls, tuple(wanted)))

    def test_a_service_loads_no_cli_docs_or_yaml(self):
        """Nothing of them beyond what oslo.messaging loads itself.

        (The rabbit driver's own imports bring PyYAML.)
        """
        plain = self.service_modules(False)
        self.assertEqual([], sorted(set(self.service_modules(True)) -
                                    set(plain)))
        self.assertNotIn('cliff', plain)
        # with the in-memory driver, none of them at all
        self.assertEqual([], self.service_modules(True, ('fake://',)))

    def test_masking_loads_nothing_until_a_url_is_printed(self):
        """oslo.utils' masking helpers load only to print a URL."""
        self.assertEqual([], self.service_modules(
            True, ('fake://',),
            ('oslo_utils.strutils', 'oslo_messaging_support.cmd')))

    def test_bundled_data_needs_no_file_or_yaml_reader(self):
        """Without an overlay, our YAML and file readers stay unloaded."""
        self.assertEqual([], self.service_modules(
            True, ('fake://',),
            ('oslo_messaging_support.readers.bounded',
             'oslo_messaging_support.readers.yamlfile')))

    def test_an_overlay_brings_yaml(self):
        """The one exception: an operator's overlay is YAML."""
        path = self.write_file('overlay.yaml',
                               fixtures_support.FAKE_DEPRECATED)
        result = run("""\
            import oslo_messaging_support as oms
            oms.get_manifest(%r)
            RESULT = 'yaml' in sys.modules
            """ % path)
        self.assertTrue(result)


class UnsupportedDriverTest(base.TestCase):

    def test_still_an_oslo_messaging_driver_load_failure(self):
        from oslo_messaging_support.exception import UnsupportedDriver
        self.assertIs(oms.UnsupportedDriver, UnsupportedDriver)
        self.assertIs(exception.UnsupportedDriver, UnsupportedDriver)
        self.assertTrue(issubclass(UnsupportedDriver,
                                   oslo_messaging.DriverLoadFailure))
        self.assertEqual('oslo_messaging_support.exception',
                         UnsupportedDriver.__module__)
        self.assertIn('UnsupportedDriver', dir(exception))
        self.assertRaises(AttributeError, getattr, exception, 'Nothing')

    def test_refusal_is_caught_as_driver_load_failure(self):
        conf = cfg.ConfigOpts()
        conf([], project='test')
        error = self.assertRaises(oslo_messaging.DriverLoadFailure,
                                  oms.get_rpc_transport,
                                  conf, 'amqp://h/')
        self.assertIsInstance(error, oms.UnsupportedDriver)
