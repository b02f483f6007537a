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
"""An overlay that arrives after enable() is announced, and cannot revive.

Issue 18, "A removed driver comes back silently": an overlay that re-tiers
amqp (removed from oslo.messaging in epoxy) as supported, pointing at any
class, brought the driver back without a word when it arrived after
``enable()``.  Each route by which an overlay arrives at run time has a
test; each installs an ``amqp`` entry point whose class is the fake
driver, so that a driver the policy let through really loads.
"""

import os
import textwrap

from oslo_config import cfg
import oslo_messaging

import oslo_messaging_support as oms
from oslo_messaging_support import opts
from tests import base
from tests import fixtures_support

#: amqp brought back as supported, pointing at the installed class.
REVIVAL = """
drivers:
  amqp:
    entry_point: %s
    lifecycle:
      - {series: juno, status: supported}
""" % fixtures_support.FAKE_TARGET

#: An overlay that changes nothing about amqp.
HARMLESS = """
drivers:
  fake:
    description: the same tier, another description
"""

#: What the WARNING says about the revival (the path follows).
REVIVED = 'amqp goes from removed to supported by the overlay at '

#: What the refusal says about it.
ALONE = 'an overlay alone may not reopen the gate'


class RevivalTestCase(base.ServiceConfTestCase):

    def setUp(self):
        super().setUp()
        base.skip_where_amqp_ships(self)
        self.addCleanup(oms.disable)
        self.install_driver('amqp', fixtures_support.FAKE_TARGET)

    def warnings_logged(self, text):
        """The WARNING lines of the library's log that start with ``text``.

        (A driver's own warning quotes the overlay's sentence as part of
        its reason; it does not count.)
        """
        return [line for line in self.log.output.splitlines()
                if line.startswith('WARNING ' + text)]

    def assertRefusedAsRevival(self, factory, conf, path):
        """``factory`` refuses amqp, and the WARNING was logged once."""
        error = self.assertRaises(oms.UnsupportedDriver, factory, conf,
                                  'amqp://h/')
        self.assertIn(ALONE, str(error))
        self.assertIn('allowed_drivers', str(error))
        self.assertEqual(['WARNING %s%s.' % (REVIVED, path)],
                         self.warnings_logged(REVIVED))

    def assertLoadsWhenNamed(self, conf, path):
        """With allowed_drivers naming amqp, the driver loads."""
        conf.set_override('allowed_drivers', ['amqp'], opts.GROUP)
        transport = oslo_messaging.get_rpc_transport(conf, 'amqp://h/')
        self.addCleanup(transport.cleanup)
        self.assertEqual('FakeDriver', type(transport._driver).__name__)
        # announced the first time it took effect, not again
        self.assertEqual(1, len(self.warnings_logged(REVIVED + path)))


class OverlayAfterEnableTest(RevivalTestCase):
    """The three routes of issue 18, each after enable()."""

    def test_set_override_after_enable(self):
        oms.enable(self.conf)
        path = self.write_file('revive.yaml', REVIVAL)
        self.set('manifest_overlay', path)
        self.assertRefusedAsRevival(oslo_messaging.get_rpc_transport,
                                    self.conf, path)
        self.assertLoadsWhenNamed(self.conf, path)

    def test_overlay_file_edited_after_enable(self):
        path = self.overlay(HARMLESS)
        oms.enable(self.conf)
        self.assertNotIn('amqp', self.log.output)
        with open(path, 'w') as stream:
            stream.write(textwrap.dedent(REVIVAL))
        # a new modification time, whatever the file system's resolution
        stat = os.stat(path)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10 ** 9))
        self.assertRefusedAsRevival(oslo_messaging.get_rpc_transport,
                                    self.conf, path)
        self.assertLoadsWhenNamed(self.conf, path)

    def test_overlay_added_to_a_reloaded_config_file(self):
        config = self.write_file('service.conf', '[DEFAULT]\n')
        conf = cfg.ConfigOpts()
        conf(['--config-file', config], project='service')
        oms.enable(conf)
        path = self.write_file('revive.yaml', REVIVAL)
        with open(config, 'w') as stream:
            stream.write('[DEFAULT]\n[oslo_messaging_support]\n'
                         'manifest_overlay = %s\n' % path)
        self.assertTrue(conf.reload_config_files())
        self.assertRefusedAsRevival(oslo_messaging.get_rpc_transport, conf,
                                    path)
        self.assertLoadsWhenNamed(conf, path)


class OverlayAloneTest(RevivalTestCase):
    """An overlay alone never reopens the gate, whichever door is used."""

    def test_before_enable(self):
        path = self.overlay(REVIVAL)
        oms.enable(self.conf)
        self.assertRefusedAsRevival(oslo_messaging.get_notification_transport,
                                    self.conf, path)
        self.assertLoadsWhenNamed(self.conf, path)

    def test_drop_in_loader(self):
        path = self.overlay(REVIVAL)
        self.assertRefusedAsRevival(oms.get_rpc_transport, self.conf, path)
        self.assertLoadsWhenNamed(self.conf, path)

    def test_allow_unsupported_drivers_is_not_enough(self):
        path = self.overlay(REVIVAL)
        self.set('allow_unsupported_drivers', True)
        self.assertRefusedAsRevival(oms.get_rpc_transport, self.conf, path)

    def test_revived_as_another_tier(self):
        """Revived as unsupported or deprecated: named, it warns."""
        for tier in ('unsupported', 'deprecated'):
            path = self.overlay(REVIVAL.replace(
                'status: supported}',
                'status: supported}\n      - {series: kilo, status: %s}'
                % tier), name='%s.yaml' % tier)
            self.set('allowed_drivers', [])
            self.assertRaises(oms.UnsupportedDriver, oms.get_rpc_transport,
                              self.conf, 'amqp://h/')
            self.set('allowed_drivers', ['amqp'])
            transport, caught = self.create(oms.get_rpc_transport,
                                            'amqp://h/')
            self.assertEqual(1, len(caught), tier)
            self.assertEqual(1, len(self.warnings_logged(
                'amqp goes from removed to %s by the overlay at %s.'
                % (tier, path))))


class CheckCommandTest(base.CommandTestCase):
    """The operator's pre-upgrade check says what the service does."""

    def setUp(self):
        super().setUp()
        base.skip_where_amqp_ships(self)

    def test_overlay_alone_is_refused(self):
        self.install_driver('amqp', fixtures_support.FAKE_TARGET)
        path = self.write_file('revive.yaml', REVIVAL)
        config = self.write_file('service.conf', """
            [oslo_messaging_support]
            manifest_overlay = %s
            """ % path)
        status, data, _ = self.run_json('check', '--config-file', config,
                                        '--url', 'amqp://h/')
        self.assertEqual(2, status)
        row = [row for row in data if row['Option'] == '--url'][0]
        self.assertEqual('refuse', row['Action'])
        self.assertIn(ALONE, row['Reason'])
        with open(config, 'a') as stream:
            stream.write('allowed_drivers = amqp\n')
        status, data, _ = self.run_json('check', '--config-file', config,
                                        '--url', 'amqp://h/')
        row = [row for row in data if row['Option'] == '--url'][0]
        self.assertEqual('load', row['Action'])


class EveryChangeIsAnnouncedTest(base.ServiceConfTestCase):
    """Any change of tier, not only a revival, is logged when it applies."""

    def setUp(self):
        super().setUp()
        self.addCleanup(oms.disable)

    def announcements(self, path):
        line = ('WARNING fake goes from testing to deprecated by the '
                'overlay at %s.' % path)
        return self.log.output.splitlines().count(line)

    def test_a_deprecation_set_after_enable(self):
        oms.enable(self.conf)
        path = self.overlay(fixtures_support.FAKE_DEPRECATED)
        for _ in range(3):
            self.create(oslo_messaging.get_rpc_transport, 'fake://')
        self.assertEqual(1, self.announcements(path))

    def test_enable_then_first_transport_announce_once(self):
        path = self.overlay(fixtures_support.FAKE_DEPRECATED)
        oms.enable(self.conf)
        self.assertEqual(1, self.announcements(path))
        self.create(oslo_messaging.get_rpc_transport, 'fake://')
        self.create(oms.get_rpc_transport, 'fake://')
        self.assertEqual(1, self.announcements(path))
