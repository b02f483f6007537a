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
"""Shared test bases: fresh policy caches, a service's configuration, the
command line run in process."""

import collections
import importlib.metadata
import io
import json
import logging
import os
import shutil
import sys
import textwrap
import warnings

import fixtures
from oslo_config import cfg
import testtools

from oslo_messaging_support.cmd import main
from oslo_messaging_support import data as bundled
from oslo_messaging_support.engine import entrypoints
from oslo_messaging_support.engine import installation
from oslo_messaging_support.engine import support
from oslo_messaging_support import fixture as support_fixture
from oslo_messaging_support import opts
from oslo_messaging_support.service import transport
from tests import fixtures_support

#: The library's logger (oslo.log names the logger of oslo_x 'oslo.x').
LOGGER = 'oslo.messaging_support'

#: The oslo.messaging version every test evaluates as, whatever is
#: installed (hibiscus): the series of the installed oslo.messaging is the
#: default evaluation point, and the suite runs against several series (see
#: tox.ini).  A test that means the installed version sets
#: ``EVALUATE_AS_INSTALLED``.
EVALUATED_VERSION = '18.3.1'

#: What a command run in process printed, and its exit status.
Output = collections.namedtuple('Output', 'status stdout stderr')


def skip_where_amqp_ships(test):
    """Skip ``test`` where oslo.messaging ships the real amqp driver (14.x).

    These tests assume that no amqp driver is installed (oslo.messaging
    15.0.0 removed it); on 14.x, tests/unit/matrix covers the real one.
    """
    if any(entry.name == 'amqp' for entry in importlib.metadata.entry_points(
            group='oslo.messaging.drivers')):
        test.skipTest('the installed oslo.messaging ships the amqp driver')


class TestCase(testtools.TestCase):
    """A test that starts with empty process-wide caches.

    The installed oslo.messaging version, which picks the default
    evaluation point, reads as :data:`EVALUATED_VERSION` unless the test
    class sets :attr:`EVALUATE_AS_INSTALLED`.  What is installed (the
    drivers' entry points) stays what it is.
    """

    #: True to evaluate as the installed oslo.messaging's series.
    EVALUATE_AS_INSTALLED = False

    def setUp(self):
        super().setUp()
        self.useFixture(support_fixture.SupportPolicyFixture(
            installed_version=(None if self.EVALUATE_AS_INSTALLED
                               else EVALUATED_VERSION)))
        self.tempdir = self.useFixture(fixtures.TempDir()).path
        # The library's log lines, kept with the test's details.
        self.useFixture(fixtures.FakeLogger(name=LOGGER,
                                            format='%(levelname)s '
                                                   '%(message)s'))

    def install_driver(self, name, target=fixtures_support.FAKE_TARGET):
        """Register a driver called ``name`` for this test only.

        As ``pip install`` of a package with an ``oslo.messaging.drivers``
        entry point would (see
        :func:`tests.fixtures_support.make_private_driver`), so that
        ``check`` finds it installed whatever oslo.messaging ships.

        :param target: its ``module:Class``; the policy compares it with
            the manifest's entry point
        :returns: the directory to put on ``sys.path`` (``PYTHONPATH`` for
            a subprocess), or ``None`` when oslo.messaging ships it
        """
        installed = support.POLICY.entry_points.get(name)
        if any(item.target == target for item in installed):
            return None  # oslo.messaging ships it (amqp up to 14.x)
        directory = os.path.join(self.tempdir, 'site-%s' % name)
        fixtures_support.make_private_driver(
            directory, name=name, target=target,
            distribution='test-driver-%s' % name)
        self.useFixture(fixtures.MonkeyPatch('sys.path',
                                             [directory] + sys.path))
        self.useFixture(fixtures.MonkeyPatch(
            'stevedore.extension.ExtensionManager.ENTRY_POINT_CACHE', {}))
        support.POLICY.entry_points.clear()
        self.addCleanup(support.POLICY.entry_points.clear)
        return directory

    def install_kafka_client(self):
        """Make the kafka driver's client library importable, this test only.

        As ``pip install confluent-kafka`` would for what oslo.messaging's
        kafka driver imports as it loads (the library itself is a large
        binary package the test suite does not need), so that ``check``
        finds kafka loadable.  The modules are forgotten afterwards.
        """
        directory = os.path.join(self.tempdir, 'site-confluent-kafka')
        package = os.path.join(directory, 'confluent_kafka')
        os.makedirs(package)
        with open(os.path.join(package, '__init__.py'), 'w') as stream:
            stream.write('class KafkaException(Exception):\n    pass\n')
        self.useFixture(fixtures.MonkeyPatch('sys.path',
                                             [directory] + sys.path))

        def forget():
            for name in list(sys.modules):
                if name.startswith(('confluent_kafka',
                                    'oslo_messaging._drivers.impl_kafka')):
                    del sys.modules[name]
            installation.clear()

        forget()
        self.addCleanup(forget)
        return directory

    def copy_bundled_data(self):
        """A copy of the bundled YAML files, for the compiler's tests.

        :returns: the copy's directory, whose files the test may edit
        """
        directory = os.path.join(self.tempdir, 'data')
        shutil.copytree(bundled.DIRECTORY, directory,
                        ignore=shutil.ignore_patterns('*.py', '__pycache__'))
        return directory

    def write_file(self, name, text):
        """Write ``text`` (dedented) to ``name`` in a temp dir; its path."""
        path = os.path.join(self.tempdir, name)
        with open(path, 'w', encoding='utf-8') as stream:
            stream.write(textwrap.dedent(text))
        return path


class ServiceConfTestCase(TestCase):
    """A service's own ``ConfigOpts`` and a DEBUG capture of our log."""

    def setUp(self):
        super().setUp()
        transport.forget_reports()
        self.addCleanup(transport.forget_reports)
        self.conf = cfg.ConfigOpts()
        self.conf([], project='test')
        opts.register_opts(self.conf)
        self.log = self.useFixture(fixtures.FakeLogger(
            name=LOGGER, level=logging.DEBUG,
            format='%(levelname)s %(message)s'))

    def set(self, name, value, group=opts.GROUP):
        """Override an option, as the service's config file would."""
        self.conf.set_override(name, value, group)

    def overlay(self, text, name='overlay.yaml'):
        """Write an overlay and name it in the configuration; its path."""
        path = self.write_file(name, text)
        self.set('manifest_overlay', path)
        return path

    def install_private_driver(self, **kwargs):
        """Install a private driver as a real distribution for this test.

        :param kwargs: as :func:`tests.fixtures_support.make_private_driver`
        """
        path = fixtures_support.make_private_driver(self.tempdir, **kwargs)
        self.useFixture(fixtures.MonkeyPatch('sys.path',
                                             [path] + sys.path))
        # stevedore keeps the namespace per process, and so do we
        self.useFixture(fixtures.MonkeyPatch(
            'stevedore.extension.ExtensionManager.ENTRY_POINT_CACHE', {}))
        entrypoints.TABLE.clear()
        self.addCleanup(entrypoints.TABLE.clear)
        return path

    def create(self, factory, url):
        """A transport from ``factory``, and the warnings it gave."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            transport = factory(self.conf, url)
        self.addCleanup(transport.cleanup)
        return transport, caught


class CommandTestCase(TestCase):
    """A test that runs ``oslo-messaging-support`` in process."""

    def run_cli(self, *argv):
        """Run the command line; an :data:`Output`."""
        stdout = io.StringIO()
        stderr = io.StringIO()
        self.useFixture(fixtures.MonkeyPatch('sys.stdout', stdout))
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', stderr))
        status = main.main(list(argv))
        return Output(status, stdout.getvalue(), stderr.getvalue())

    def run_json(self, *argv):
        """Run with ``-f json``: ``(status, parsed output, stderr)``."""
        output = self.run_cli(*(argv + ('-f', 'json')))
        data = json.loads(output.stdout) if output.stdout.strip() else None
        return output.status, data, output.stderr

    def assertOneLineError(self, output, *fragments):
        """Exit status 255, one line on stderr holding every fragment."""
        self.assertEqual(255, output.status, output)
        self.assertEqual('', output.stdout)
        lines = output.stderr.splitlines()
        self.assertEqual(1, len(lines), output.stderr)
        self.assertNotIn('Traceback', output.stderr)
        for fragment in fragments:
            self.assertIn(fragment, lines[0])
