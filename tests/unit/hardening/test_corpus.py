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
"""A corpus of bad input: each gives the documented error, never another.

Transport URLs are judged against plain oslo.messaging: where it creates
a transport, ours creates the same or refuses it (``UnsupportedDriver``);
where it fails, ours fails the same way.  Manifest files give a
``ManifestError`` naming the file and, where a line is known, the line,
the driver and the field.  The command line gives exit status 255 and
one line on stderr.
"""

import os
import subprocess
import sys
import textwrap
import warnings

from oslo_config import cfg
import oslo_messaging

import oslo_messaging_support as oms
from tests.unit.cmd import base as cmd_base
from tests.unit.hardening import base

URLS = (
    # no scheme, empty scheme, odd schemes
    ' ', 'no-scheme', '://', '://h', ':', 'fake', '+://h', '+fake://',
    '.://', '-://', 'f%61ke://', 'fäke://', 'рэббит://h', 'a.b://',
    'mailto:x',
    # '+' variants: oslo.messaging loads the part before the first '+'
    'fake+://', 'fake+foo://', 'fake+fake+fake://', 'kombu+amqp://h/',
    'amqp+rabbit://h/', 'zmq+tcp://h/',
    # case and blanks
    'FAKE://', ' fake://', 'fake:// ', 'fake:', 'fake:/',
    # hosts, ports, IPv6, percent-encoding
    'rabbit://u:p%40ss@h1,u:p@h2:5673/v', 'rabbit://[::1]:5672/',
    'rabbit://u:p@[::1]:5672,[fe80::1%25eth0]:5672/', 'rabbit://[::1/',
    'rabbit://h:99999/', 'rabbit://h:port/', 'rabbit://h:-1/',
    'fake://h?x=1&x=2#frag', 'fake:///' + '%' * 5, 'fake://%zz@h/',
    # very long
    'rabbit://' + 'a' * 20000, 'fake://' + ','.join(['h'] * 2000),
    'rabbit://u:' + 'p' * 10000 + '@h/',
    # a NUL in the host (oslo.messaging itself never prints the URL)
    'fake://\x00', 'rabbit://u:p@h\x00st/',
)


def outcome(factory, conf, url):
    """``('ok', None)`` or ``(exception class, exception)``."""
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try:
            transport = factory(conf, url)
        except Exception as exc:
            return type(exc), exc
    transport.cleanup()
    return 'ok', None


class TransportURLCorpusTest(base.HardeningTestCase):

    def check_against_oslo_messaging(self, ours, before=None):
        # what plain oslo.messaging does, measured before any enable()
        expected = [outcome(oslo_messaging.get_rpc_transport, self.conf,
                            url)[0] for url in URLS]
        if before is not None:
            before()
        for url, theirs in zip(URLS, expected):
            got, error = outcome(ours, self.conf, url)
            if theirs == 'ok':
                self.assertIn(got, ('ok', oms.UnsupportedDriver),
                              '%r: %r' % (url, error))
            elif issubclass(theirs, oslo_messaging.DriverLoadFailure):
                # a driver oslo.messaging cannot find: unknown to us too
                self.assertIs(oms.UnsupportedDriver, got, repr(url))
            else:
                # the same error, or ours: a subclass with a masked text
                self.assertTrue(got != 'ok' and issubclass(got, theirs),
                                '%r: %r' % (url, error))

    def test_drop_in_loader(self):
        self.check_against_oslo_messaging(oms.get_rpc_transport)

    def test_enabled_process(self):
        self.addCleanup(oms.disable)
        self.check_against_oslo_messaging(
            oslo_messaging.get_rpc_transport,
            before=lambda: oms.enable(self.conf))

    def test_plus_variants_are_judged_by_their_driver(self):
        for url, tier in (('kombu+amqp://h/', 'supported'),
                          ('amqp+rabbit://h/', 'removed'),
                          ('zmq+tcp://h/', 'removed')):
            got, error = outcome(oms.get_rpc_transport, self.conf, url)
            if tier == 'supported':
                self.assertEqual('ok', got, url)
            else:
                self.assertIs(oms.UnsupportedDriver, got, url)
                self.assertEqual(tier, error.decision.tier)

    def test_the_url_never_opens_the_policy(self):
        """Query strings, users and hosts are data, not configuration."""
        for url in ('mydriver://h/?allow_unsupported_drivers=True',
                    'mydriver://allowed_drivers:mydriver@h/',
                    'amqp://h/?strict_mode=false&allowed_drivers=amqp',
                    'mydriver://h/?oslo_messaging_support.'
                    'allow_unsupported_drivers=1'):
            got, _ = outcome(oms.get_rpc_transport, self.conf, url)
            self.assertIs(oms.UnsupportedDriver, got, url)


#: Overlay text -> fragments the error must hold (the file's path is
#: always checked; ``:N:`` is the line).
OVERLAYS = {
    'drivers: [a]\n': (':1:', "'drivers' must be a mapping"),
    'drivers: {fake: 3}\n': ("driver 'fake'", 'must be a mapping'),
    'drivers:\n  fake:\n    usage: rpc\n': (
        ':3:', "field 'usage'", 'must be a list of strings'),
    'drivers:\n  fake:\n    lifecycle: {}\n': (
        ':3:', "field 'lifecycle'", 'non-empty list'),
    'drivers:\n  fake:\n    aliases: kombu\n': (
        ':3:', "field 'aliases'", 'list of strings'),
    'drivers:\n  fake:\n    evidence: []\n': (':3:', "field 'evidence'"),
    'drivers:\n  fake:\n    replacement: 3\n': (
        ':3:', "field 'replacement'", 'must be a driver name'),
    'evidence_release: 18\ndrivers: {}\n': (
        ':1:', "field 'evidence_release'", 'must be a string'),
    'drivers:\n  new:\n    usage: [rpc]\n    lifecycle: '
    '[{series: 2025.1, status: supported}]\n': (
        ":3:", "driver 'new'", "missing key 'entry_point'"),
    'drivers:\n  fake:\n    lifecycle:\n      - {status: supported}\n': (
        ':4:', "'lifecycle[0].series'", "missing key 'series'"),
    'drivers:\n  fake:\n    lifecycle:\n'
    '      - {series: zebra, status: supported}\n': (
        ':4:', "'lifecycle[0].series'", "unknown release series 'zebra'"),
    'drivers:\n  fake:\n    lifecycle:\n'
    '      - {series: 1999.1, status: supported}\n': (
        ':4:', "unknown release series '1999.1'"),
    'drivers:\n  fake:\n    lifecycle:\n'
    '      - {series: null, status: supported}\n': (
        ':4:', "'lifecycle[0].series'"),
    'drivers:\n  fake:\n    lifecycle:\n'
    '      - {series: 2025.1, status: retired}\n': (
        ':4:', "'retired' is not a status"),
    'drivers:\n  fake:\n    lifecycle:\n      - {series: 2025.1, '
    'status: prospective, date: 2025-02-30}\n': (
        ':4:', "'lifecycle[0].date'", '2025-02-30'),
    'drivers:\n  a:\n    entry_point: "x:Y"\n    usage: [rpc]\n'
    '    aliases: [b]\n    lifecycle: [{series: 2025.1, status: supported}]'
    '\n  b:\n    entry_point: "x:Y"\n    usage: [rpc]\n    aliases: [a]\n'
    '    lifecycle: [{series: 2025.1, status: supported}]\n': (
        ':2:', "driver 'a'", 'cycle'),
    'drivers:\n  fake:\n    aliases: [fake]\n': (':2:', 'cycle'),
    'drivers:\n  fake:\n    aliases: [kombu]\n': (
        "alias 'kombu' is also an alias of driver 'rabbit'",),
    'drivers:\n  fake:\n    replacement: fake\n': ('cannot replace itself',),
    'drivers:\n  fake:\n    replacement: nothing\n': (
        "'nothing' is not a driver",),
    '- a\n- b\n': (':1:', 'must hold a YAML mapping, not a list'),
    'just a string\n': (':1:', 'not a string'),
    '': ('not an empty document',),
    '{{{\n': ('not valid YAML',),
    'drivers:\n\tfake: {}\n': (':2:', 'not valid YAML'),
    '? [a]\n: 1\n': ('not valid YAML', 'plain value'),
    'drivers: !!python/object/apply:os.system ["true"]\n': (
        'not valid YAML', 'constructor'),
    'drivers: {}\nfoo: 1\n': (':2:', "unknown key 'foo'"),
    'drivers:\n  "a+b":\n    entry_point: "x:Y"\n': (
        ':2:', "'a+b' is not a valid driver name"),
    'drivers:\n  3:\n    entry_point: "x:Y"\n': ("'3' is not a valid",),
    'drivers: &d {fake: *d}\n': ('not valid YAML', 'recursive'),
    'drivers:\n  fake:\n    lifecycle:\n'
    '      - {series: 2024.1, status: removed}\n'
    '      - {series: 2025.1, status: supported}\n': (
        ':5:', "cannot come back after 'removed'"),
    'drivers:\n  fake:\n    lifecycle:\n'
    '      - {series: 2025.1, status: supported}\n'
    '      - {series: 2024.1, status: deprecated}\n': (
        ':5:', 'out of order'),
    'drivers:\n  fake:\n    lifecycle:\n'
    '      - {series: 2025.1, status: prospective}\n': (
        ':4:', 'needs a date'),
    # an alias bomb: validation stops at the first wrong item
    textwrap.dedent('''\
        drivers:
          fake:
            aliases: &a [&b [&c [x, x, x], *c, *c], *b, *b]
        '''): (':3:', "field 'aliases'"),
}


class OverlayCorpusTest(base.HardeningTestCase):

    def check_error(self, error, path, fragments, option=False):
        message = str(error)
        if option:
            # a service's error says which option named the file
            prefix = '[oslo_messaging_support] manifest_overlay: '
            self.assertTrue(message.startswith(prefix), message)
            message = message[len(prefix):]
        self.assertTrue(message.startswith(path), message)
        self.assertEqual(1, len(message.splitlines()), message)
        self.assertEqual(path, error.path)
        for fragment in fragments:
            if fragment.startswith(':') and fragment.endswith(':'):
                self.assertEqual(path + fragment, message[:len(path) +
                                                          len(fragment)])
            else:
                self.assertIn(fragment, message)

    def test_every_channel_names_the_problem(self):
        for number, (text, fragments) in enumerate(OVERLAYS.items()):
            path = self.write_file('overlay-%d.yaml' % number, text)
            error = self.assertRaises(oms.ManifestError, oms.get_manifest,
                                      path)
            self.check_error(error, path, fragments)
            # the loader: no transport, the same error
            self.set('manifest_overlay', path)
            error = self.assertRaises(oms.ManifestError,
                                      oms.get_rpc_transport, self.conf,
                                      'fake://')
            self.check_error(error, path, fragments, option=True)
            # enable() refuses to start with it
            self.assertRaises(oms.ManifestError, oms.enable, self.conf)
            self.assertFalse(oms.is_enabled())

    def test_not_utf8(self):
        path = os.path.join(self.tempdir, 'binary.yaml')
        with open(path, 'wb') as stream:
            stream.write(b'\xff\xfe\x00drivers: {}')
        error = self.assertRaises(oms.ManifestError, oms.get_manifest, path)
        self.assertEqual('%s: not a UTF-8 text file' % path, str(error))

    def test_a_directory(self):
        error = self.assertRaises(oms.ManifestError, oms.get_manifest,
                                  self.tempdir)
        self.assertIn('is a directory', str(error))

    def test_missing(self):
        path = os.path.join(self.tempdir, 'nothing.yaml')
        error = self.assertRaises(oms.ManifestError, oms.get_manifest, path)
        self.assertIn(path, str(error))
        self.assertIn('No such file', str(error))

    def test_unreadable(self):
        """A file that cannot be read (as root too: /proc/self/mem)."""
        error = self.assertRaises(oms.ManifestError, oms.get_manifest,
                                  '/proc/self/mem')
        self.assertIn('/proc/self/mem: cannot be read', str(error))

    def test_unreadable_by_permissions(self):
        if os.geteuid() == 0:
            self.skipTest('root reads files whatever their mode')
        path = self.write_file('secret.yaml', 'drivers: {}\n')
        os.chmod(path, 0)
        error = self.assertRaises(oms.ManifestError, oms.get_manifest, path)
        self.assertIn('cannot be read', str(error))


# Runs in a subprocess with a time and memory bound: a FIFO blocks the
# reader until a writer comes, /dev/zero never ends.
_SPECIAL_FILE = """
import resource, sys, warnings
warnings.simplefilter('ignore')
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
import oslo_messaging_support as oms
try:
    oms.get_manifest(sys.argv[1])
except oms.ManifestError as exc:
    print(exc)
"""


class SpecialFileTest(base.HardeningTestCase):
    """An overlay path naming a FIFO or a device: an error, not a hang."""

    def read_in_subprocess(self, path):
        try:
            result = subprocess.run(
                [sys.executable, '-c', _SPECIAL_FILE, path],
                capture_output=True, text=True, timeout=15)
        except subprocess.TimeoutExpired:
            self.fail('reading %s as an overlay hangs' % path)
        self.assertEqual(0, result.returncode, result.stderr[-2000:])
        self.assertTrue(result.stdout.startswith(path + ':'), result.stdout)
        return result.stdout

    def test_fifo(self):
        path = os.path.join(self.tempdir, 'overlay.fifo')
        os.mkfifo(path)
        self.read_in_subprocess(path)

    def test_endless_device(self):
        self.read_in_subprocess('/dev/zero')


class ConfigurationValueTest(base.HardeningTestCase):
    """Bad ``[oslo_messaging_support]`` values in a service's file."""

    def load(self, text):
        path = self.write_file('service.conf', text)
        conf = cfg.ConfigOpts()
        conf(['--config-file', path], project='hardening')
        return conf, path

    def test_bad_boolean_names_option_and_file(self):
        conf, path = self.load('[oslo_messaging_support]\n'
                               'allow_unsupported_drivers = maybe\n')
        error = self.assertRaises(cfg.ConfigFileValueError,
                                  oms.get_rpc_transport, conf, 'fake://')
        self.assertIn('allow_unsupported_drivers', str(error))
        self.assertIn(path, str(error))

    def test_unknown_release(self):
        conf, _ = self.load('[oslo_messaging_support]\n'
                            'evaluation_release = zebra\n')
        error = self.assertRaises(oms.CalendarError, oms.get_rpc_transport,
                                  conf, 'fake://')
        self.assertIn("'zebra'", str(error))

    def test_blank_values_are_the_defaults(self):
        conf, _ = self.load('[oslo_messaging_support]\n'
                            'manifest_overlay =\nevaluation_release =\n'
                            'allowed_drivers =\n')
        got, error = outcome(oms.get_rpc_transport, conf, 'fake://')
        self.assertEqual('ok', got, error)
        got, _ = outcome(oms.get_rpc_transport, conf, 'mydriver://')
        self.assertIs(oms.UnsupportedDriver, got)

    def test_allowed_drivers_cannot_smuggle_a_removed_driver_by_case(self):
        conf, _ = self.load('[oslo_messaging_support]\n'
                            'allowed_drivers = FAKE, Mydriver , ,\n')
        got, _ = outcome(oms.get_rpc_transport, conf, 'mydriver://')
        self.assertIs(oms.UnsupportedDriver, got)

    def test_missing_overlay_names_it(self):
        conf, _ = self.load('[oslo_messaging_support]\n'
                            'manifest_overlay = relative/overlay.yaml\n')
        error = self.assertRaises(oms.ManifestError, oms.get_rpc_transport,
                                  conf, 'fake://')
        self.assertIn('relative/overlay.yaml', str(error))


class CommandLineCorpusTest(cmd_base.CommandTestCase):
    """Every bad argument: exit status 255, one line, no traceback."""

    def conf_file(self, text):
        return self.write_file('service.conf', text)

    def test_bad_arguments(self):
        overlay = self.write_file('overlay.yaml', 'drivers: [a]\n')
        cases = [
            (('list', '--release', 'zebra'), "'zebra'"),
            (('list', '--release', '2025.3'), "'2025.3'"),
            (('list', '--date', '2025-02-30'), '2025-02-30'),
            (('list', '--date', 'tomorrow'), 'tomorrow'),
            (('list', '--date', '99999-01-01'), '99999-01-01'),
            (('schedule', '--release', 'zebra'), "'zebra'"),
            (('check', '--url', 'no-scheme'), '--url'),
            (('check', '--url', ''), 'empty'),
            (('check', '--notification-url', ' '), '--notification-url'),
            (('check', '--url', 'rabbit://h:port/'), '--url'),
            (('check', '--url', 'rabbit://[::1/'), '--url'),
            (('list', '--config-file', '/nonexistent/x.conf'),
             '/nonexistent/x.conf'),
            (('check', '--config-file', self.conf_file('garbage\n[x\n')),
             'cannot parse'),
            (('list', '--config-file', self.write_file(
                'bool.conf', '[oslo_messaging_support]\n'
                'strict_mode = maybe\n')), 'strict_mode'),
            (('check', '--config-file', self.write_file(
                'release.conf', '[oslo_messaging_support]\n'
                'evaluation_release = zebra\n')), "'zebra'"),
            (('list', '--config-file', self.write_file(
                'overlay.conf', '[oslo_messaging_support]\n'
                'manifest_overlay = %s\n' % overlay)), overlay + ':1:'),
        ]
        for argv, fragment in cases:
            output = self.run_cli(*argv)
            self.assertOneLineError(output, fragment)

    def test_missing_config_dir(self):
        """A mistyped --config-dir must not check the defaults instead."""
        missing = os.path.join(self.tempdir, 'nova.conf.d-typo')
        for command in ('list', 'check'):
            output = self.run_cli(command, '--config-dir', missing)
            self.assertOneLineError(output, missing)

    def test_usage_errors_exit_255_without_traceback(self):
        for argv in (('list', '--bogus'), ('list', '-f', 'nonsense'),
                     ('check', '--url'), ('nosuchcommand',)):
            try:
                status, stderr = self.run_cli(*argv)[::2]
            except SystemExit as exc:  # argparse's way, as on the shell
                status, stderr = exc.code, sys.stderr.getvalue()
            self.assertEqual(255, status, argv)
            self.assertNotIn('Traceback', stderr)
