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
"""Run real counterparts under ``enable()`` and compare (``tox -e peer``).

1. oslo.messaging's own unit tests.  The sdist of the installed
   oslo.messaging is downloaded (``pip download --no-deps --no-binary
   :all:``) and a representative part of its unit suite (the rabbit and
   kafka drivers, the transport, notifications and RPC) runs twice, each
   module in two processes at once: plain, and after
   ``oslo_messaging_support.enable(cfg.CONF)``.  Every test must end the
   same way in both runs, except a test that the enabled run fails because
   the policy refused a driver the manifest does not know (the suite's
   made-up drivers).  The comparison is printed; any other difference
   exits 1.
2. neutron-lib's real ``rpc.init(conf)`` with ``enable(conf)``: kafka for
   RPC is refused, rabbit loads, and kafka for notifications loads with a
   warning.

Usage::

    python tools/peer.py [--workdir DIR] [--source DIR] [MODULE ...]

``MODULE`` narrows the run to test modules of oslo.messaging (dotted
names).  ``--source`` uses an unpacked oslo.messaging source tree instead
of downloading one.
"""

import argparse
import collections
import glob
import importlib.metadata
import json
import logging
import os
import subprocess
import sys
import tarfile
import tempfile
import unittest
import warnings

#: The representative part of oslo.messaging's unit suite.
PACKAGES = ('drivers/test_impl_rabbit.py', 'drivers/test_impl_kafka.py',
            'test_transport.py', 'notify/test_*.py', 'rpc/test_*.py')

FAILED = ('failure', 'error', 'unexpected-success')


# -- The worker: one run of the suite, in its own process ---------------------

class _Refusals(logging.Handler):
    """Collect the refusals the library logs while a test runs."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.current = []

    def emit(self, record):
        error = record.args.get('error') if isinstance(
            record.args, dict) else None
        decision = getattr(error, 'decision', None)
        if decision is not None:
            self.current.append({'driver': decision.driver,
                                 'known': decision.canonical is not None,
                                 'tier': str(decision.tier)})


class _Result(unittest.TestResult):
    """Every test's outcome, with the refusals it caused."""

    def __init__(self, refusals=None):
        super().__init__()
        self.refusals = refusals
        self.outcomes = {}

    def startTest(self, test):
        super().startTest(test)
        if self.refusals is not None:
            self.refusals.current = []

    def _record(self, test, status, err=None):
        detail = ''
        if err is not None:
            detail = '%s: %s' % (err[0].__name__,
                                 str(err[1]).splitlines()[0][:200]
                                 if str(err[1]) else '')
        self.outcomes[test.id()] = {
            'status': status, 'detail': detail,
            'refusals': list(self.refusals.current)
            if self.refusals is not None else []}

    def addSuccess(self, test):
        self._record(test, 'success')

    def addFailure(self, test, err):
        self._record(test, 'failure', err)

    def addError(self, test, err):
        self._record(test, 'error', err)

    def addSkip(self, test, reason):
        self._record(test, 'skip')

    def addExpectedFailure(self, test, err):
        self._record(test, 'expected-failure')

    def addUnexpectedSuccess(self, test):
        self._record(test, 'unexpected-success')


def module_names(source, only=()):
    """The dotted names of the test modules to run."""
    if only:
        return list(only)
    tests = os.path.join(source, 'oslo_messaging', 'tests')
    names = []
    for pattern in PACKAGES:
        for path in sorted(glob.glob(os.path.join(tests, pattern))):
            relative = os.path.relpath(path, source)[:-len('.py')]
            names.append(relative.replace(os.sep, '.'))
    return names


def worker(mode, source, output, names):
    """Run the suite once; write ``{test id: outcome}`` as JSON."""
    sys.path.insert(0, source)
    os.chdir(source)
    warnings.simplefilter('ignore', DeprecationWarning)
    import oslo_messaging

    if not os.path.abspath(oslo_messaging.__file__).startswith(
            os.path.abspath(source)):
        raise SystemExit('oslo.messaging was not imported from %s' % source)
    refusals = None
    if mode == 'enable':
        from oslo_config import cfg

        import oslo_messaging_support

        refusals = _Refusals()
        logging.getLogger('oslo.messaging_support').addHandler(refusals)
        oslo_messaging_support.enable(cfg.CONF)
    suite = unittest.defaultTestLoader.loadTestsFromNames(names)
    result = _Result(refusals)
    suite.run(result)
    with open(output, 'w', encoding='utf-8') as stream:
        json.dump(result.outcomes, stream)


# -- The comparison -----------------------------------------------------------

def compare(plain, enabled):
    """``(same, allowed, differences)`` lists of test ids.

    A difference is allowed when the enabled run fails the test and every
    refusal in it was of a driver the manifest does not know.
    """
    same, allowed, differences = [], [], []
    for test in sorted(set(plain) | set(enabled)):
        before, after = plain.get(test), enabled.get(test)
        if before and after and before['status'] == after['status']:
            same.append(test)
        elif (before and after and after['status'] in FAILED and
              after['refusals'] and
              not any(item['known'] for item in after['refusals'])):
            allowed.append(test)
        else:
            differences.append(test)
    return same, allowed, differences


def report(plain, enabled):
    """Print the comparison; the number of differences."""
    same, allowed, differences = compare(plain, enabled)
    statuses = sorted({item['status'] for run in (plain, enabled)
                       for item in run.values()})
    print('%-22s %8s %8s' % ('outcome', 'plain', 'enabled'))
    for status in statuses:
        print('%-22s %8d %8d' % (
            status, sum(1 for i in plain.values() if i['status'] == status),
            sum(1 for i in enabled.values() if i['status'] == status)))
    refused = collections.Counter(
        (item['driver'], item['tier'], item['known'])
        for outcome in enabled.values() for item in outcome['refusals'])
    print('\nrefusals in the enabled run (driver, tier, known, count):')
    for (driver, tier, known, count) in sorted(
            key + (value,) for key, value in refused.items()):
        print('  %-12s %-12s %-6s %d' % (driver, tier, known, count))
    print('\n%d tests ended the same way' % len(same))
    print('%d differ only by the refusal of an unknown driver:'
          % len(allowed))
    for test in allowed:
        print('  %s (%s)' % (test, ', '.join(
            item['driver'] for item in enabled[test]['refusals'])))
    print('%d other differences:' % len(differences))
    for test in differences:
        print('  %s: plain %s, enabled %s' % (
            test, _show(plain.get(test)), _show(enabled.get(test))))
    return len(differences)


def _show(outcome):
    if outcome is None:
        return 'not run'
    if outcome['detail']:
        return '%s (%s)' % (outcome['status'], outcome['detail'])
    return outcome['status']


# -- The real service: neutron-lib's rpc.init ---------------------------------

NEUTRON = """
from neutron_lib import rpc
from oslo_config import cfg
import oslo_messaging_support as oms
import warnings

def conf(rpc_url, notification_url=None):
    conf = cfg.ConfigOpts()
    conf([], project='neutron')
    conf.register_opts(__import__('oslo_messaging').transport._transport_opts)
    conf.set_override('transport_url', rpc_url)
    if notification_url:
        from oslo_messaging.notify import notifier
        conf.register_opts(notifier._notifier_opts,
                           group='oslo_messaging_notifications')
        conf.set_override('transport_url', notification_url,
                          group='oslo_messaging_notifications')
    return conf

kafka = conf('kafka://127.0.0.1:9092/')
oms.enable(kafka)
try:
    rpc.init(kafka)
except oms.UnsupportedDriver as exc:
    print('kafka rpc: refused:', 'cannot carry RPC' in str(exc))
else:
    print('kafka rpc: loaded')
oms.disable()
mixed = conf('rabbit://guest:guest@127.0.0.1:5672/',
             'kafka://127.0.0.1:9092/')
oms.enable(mixed)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    rpc.init(mixed)
print('rabbit rpc: %s' % type(rpc.TRANSPORT).__name__)
warned = [w.category.__name__ for w in caught
          if issubclass(w.category, oms.DriverSupportWarning)]
print('kafka notifications: %s, %d warning' % (
    type(rpc.NOTIFICATION_TRANSPORT).__name__, len(warned)))
print('warning: %s' % ', '.join(warned))
rpc.cleanup()
oms.disable()
"""

NEUTRON_EXPECTED = [
    'kafka rpc: refused: True',
    'rabbit rpc: RPCTransport',
    'kafka notifications: NotificationTransport, 1 warning',
]


def neutron():
    """Run neutron-lib's rpc.init under enable(); True if as expected."""
    result = subprocess.run([sys.executable, '-W', 'ignore', '-c', NEUTRON],
                            capture_output=True, text=True, timeout=300)
    lines = result.stdout.splitlines()
    print('\nneutron-lib rpc.init under enable():')
    for line in lines:
        print('  ' + line)
    # the last line names the warning's category, which follows kafka's
    # tier in the manifest
    if result.returncode or lines[:-1] != NEUTRON_EXPECTED:
        print('  expected:\n    ' + '\n    '.join(NEUTRON_EXPECTED))
        print(result.stderr[-3000:])
        return False
    return True


# -- Main ---------------------------------------------------------------------

def download(workdir):
    """Download and unpack the installed oslo.messaging's sdist."""
    version = importlib.metadata.version('oslo.messaging')
    subprocess.run([sys.executable, '-m', 'pip', 'download', '--no-deps',
                    '--no-binary', ':all:', '--quiet', '-d', workdir,
                    'oslo.messaging==%s' % version], check=True)
    archive, = glob.glob(os.path.join(workdir, 'oslo*messaging-%s.tar.gz'
                                      % version))
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter='data')
    source, = [path for path in glob.glob(os.path.join(
        workdir, 'oslo*messaging-%s' % version)) if os.path.isdir(path)]
    return version, source


def run_module(workdir, source, name):
    """Run one test module plain and enabled; ``{mode: outcomes}``."""
    runs = {}
    for mode in ('plain', 'enable'):
        output = os.path.join(workdir, '%s-%s.json' % (name, mode))
        log = os.path.join(workdir, '%s-%s.log' % (name, mode))
        with open(log, 'w') as stream:
            # the tests' output goes to a file: a pipe that nobody reads
            # would block the run once full
            runs[mode] = (output, log, subprocess.Popen(
                [sys.executable, os.path.abspath(__file__), '--worker',
                 mode, '--source', source, '--output', output, name],
                stdout=stream, stderr=subprocess.STDOUT))
    outcome = {}
    for mode, (output, log, process) in runs.items():
        try:
            process.wait(timeout=600)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.returncode:
            with open(log, encoding='utf-8', errors='replace') as stream:
                print('the %s run of %s failed (exit status %s):\n%s'
                      % (mode, name, process.returncode,
                         stream.read()[-3000:]))
            return None
        with open(output, encoding='utf-8') as stream:
            outcome[mode] = json.load(stream)
    print('  %-50s %5d tests' % (name, len(outcome['plain'])), flush=True)
    return outcome


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--workdir')
    parser.add_argument('--source')
    parser.add_argument('--worker', choices=['plain', 'enable'],
                        help=argparse.SUPPRESS)
    parser.add_argument('--output', help=argparse.SUPPRESS)
    parser.add_argument('modules', nargs='*')
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.source, args.output, args.modules)
        return 0
    workdir = args.workdir or tempfile.mkdtemp(prefix='peer-')
    os.makedirs(workdir, exist_ok=True)
    if args.source:
        version, source = 'source', os.path.abspath(args.source)
    else:
        version, source = download(workdir)
    names = module_names(source, args.modules)
    print('oslo.messaging %s: %d test modules from %s'
          % (version, len(names), source), flush=True)
    results = {'plain': {}, 'enable': {}}
    for name in names:
        # one process per module and mode, both modes at once: the suite's
        # modules are not isolated from each other in one process
        outcome = run_module(workdir, source, name)
        if outcome is None:
            return 2
        for mode in results:
            results[mode].update(outcome[mode])
    if not results['plain']:
        print('no test ran')
        return 2
    differences = report(results['plain'], results['enable'])
    ok = neutron()
    return 1 if differences or not ok else 0


if __name__ == '__main__':
    sys.exit(main())
