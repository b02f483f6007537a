#!/usr/bin/env python3
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
"""What oslo.messaging-support costs, next to plain oslo.messaging.

Run with ``tox -e bench`` (or ``python tools/bench.py``).  Every figure is
measured in one run on one machine, ours and oslo.messaging's alternately
so that drift (CPU frequency, other load) falls on both alike:

``cold``
    what a service pays at start-up, in fresh interpreters of a throwaway
    virtual environment padded with 250 extra distributions (tiny
    ``.dist-info`` directories, some with entry points; created under
    ``.tox/bench-padded``, never committed): interleaved runs of plain
    oslo.messaging against ``enable()``, each importing oslo.messaging
    and then creating its first RPC and notification transports on
    ``rabbit://`` (a deployment's driver; nothing connects before a
    message is sent).  The import and the part after it are reported
    separately, with an A/A control (plain against plain).  Goal: the
    extra start-up cost is at most 1% of plain's whole start.
``transport_creation``
    median time of ``oslo_messaging_support.get_rpc_transport`` over
    ``oslo_messaging.get_rpc_transport`` for ``fake://`` and ``rabbit://``
    (a rabbit transport does not connect until it is used), the warm
    path.  Goal: at most 1.05 for ``rabbit://``.
``import``
    what ``import oslo_messaging_support`` adds to ``import
    oslo_messaging``, in fresh interpreters: the cumulative ``-X
    importtime`` of each package (medians), and the wall time of both
    imports against oslo.messaging's alone.  Goal: under 2% of
    oslo.messaging's import time.
``rpc``
    RPC round trips per second over the real RabbitMQ through a transport
    from our loader and one from oslo.messaging's, in alternating rounds.
    Goal: a ratio of at least 0.99.
``cli``
    wall time of ``oslo-messaging-support list`` over ``python -c "import
    oslo_messaging"``, in the padded environment.  Goal: at most 1.2.

The results are printed and written as JSON (``--output``).  The exit
status is 0 whether the goals are met or not: this is a measurement, not
a test.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import textwrap
import time
import uuid
import warnings

# As services do: oslo.messaging's imports print eventlet's deprecation
# notice otherwise.
warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')

from oslo_config import cfg  # noqa: E402
import oslo_messaging  # noqa: E402
from oslo_messaging import conffixture  # noqa: E402
from oslo_messaging import transport as om_transport  # noqa: E402

import oslo_messaging_support  # noqa: E402
from oslo_messaging_support.engine import support  # noqa: E402
from oslo_messaging_support.service import configuration  # noqa: E402
from oslo_messaging_support.service import masking  # noqa: E402
from oslo_messaging_support.service import transport  # noqa: E402
from oslo_messaging_support.service import urls  # noqa: E402

GOALS = {
    'cold': ('at most', 0.01),
    'transport_creation': ('at most', 1.05),
    'import': ('under', 0.02),
    'rpc': ('at least', 0.99),
    'cli': ('at most', 1.2),
}

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_PADDED_VENV = os.path.join(REPO, '.tox', 'bench-padded')

DEFAULT_RABBIT_URL = os.environ.get('OSLO_MESSAGING_SUPPORT_RABBIT_URL',
                                    'rabbit://guest:guest@127.0.0.1:5672/')

# Counts per size: (creations per driver, interpreters per import variant,
# RPC rounds, calls per round and side, CLI runs, cold starts per arm).
SIZES = {
    'quick': (300, 8, 2, 100, 4, 9),
    'full': (3000, 30, 8, 400, 15, 15),
}

#: The extra distributions of the padded environment.
PADDING = 250

#: What can be measured, in the order it is.
MEASURES = ('cold', 'transport_creation', 'rpc', 'import', 'cli')


def machine():
    """The machine, Python and oslo.messaging the figures belong to."""
    model = None
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as stream:
            for line in stream:
                if line.lower().startswith('model name'):
                    model = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    from importlib import metadata
    return {
        'cpu_model': model or platform.processor() or 'unknown',
        'cores': os.cpu_count(),
        'python': platform.python_version(),
        'implementation': platform.python_implementation(),
        'platform': platform.platform(),
        'oslo.messaging': metadata.version('oslo.messaging'),
        'oslo.messaging-support': oslo_messaging_support.__version__,
        'date': datetime.datetime.now(datetime.timezone.utc).isoformat(
            timespec='seconds'),
    }


def make_conf():
    """A ``ConfigOpts`` with every oslo.messaging option registered."""
    conf = cfg.ConfigOpts()
    conf([], project='oslo-messaging-support-bench')
    # oslo.messaging 18.3.1 registers its tracing options on cfg.CONF
    # only; its public fixture registers every option on this conf.
    fixture = conffixture.ConfFixture(conf)
    fixture.setUp()
    return conf, fixture


def median_us(samples):
    return statistics.median(samples) / 1000.0


def _time_creation(factory, conf, url):
    start = time.perf_counter_ns()
    transport = factory(conf, url)
    elapsed = time.perf_counter_ns() - start
    transport.cleanup()
    return elapsed


def bench_creation(conf, url, repetitions):
    """Median creation time of each loader, alternating them."""
    ours, theirs = [], []
    pair = ((oslo_messaging_support.get_rpc_transport, ours),
            (oslo_messaging.get_rpc_transport, theirs))
    # warm up: stevedore's entry point cache, our manifest and memo
    for factory, _ in pair:
        for _ in range(20):
            _time_creation(factory, conf, url)
    for i in range(repetitions):
        for factory, samples in (pair if i % 2 == 0 else pair[::-1]):
            samples.append(_time_creation(factory, conf, url))
    result = {
        'url': masking.mask_url(url),
        'repetitions': repetitions,
        'ours_median_us': round(median_us(ours), 2),
        'oslo_messaging_median_us': round(median_us(theirs), 2),
    }
    result['ratio'] = round(statistics.median(ours) /
                            statistics.median(theirs), 4)
    return result


def bench_breakdown(conf, url, repetitions):
    """Where our part of a creation goes (medians, microseconds).

    oslo.messaging registers its options on every transport creation,
    which empties oslo.config's value cache; the ``[oslo_messaging_support]``
    options are therefore read afresh on each creation.  This reproduces
    that sequence to measure each step on its own.
    """
    parsed = om_transport.TransportURL.parse(conf, url)
    driver = urls.driver_name(parsed)
    configured = configuration.read_configuration(conf)

    def clear():
        conf.register_opts(om_transport._transport_opts)

    steps = {
        'oslo_config_cache_clear': clear,
        # enable() and the first transport of a configuration
        'read_configuration_after_clear': lambda: (
            clear(), configuration.read_configuration(conf)),
        # every later transport: the compiled loads first ...
        'admitted_after_clear': lambda: (
            clear(), transport.admitted(conf, parsed, 'rpc')),
        # ... and the engine for what they do not admit
        'configured_decide_after_clear': lambda: (
            clear(), configuration.decide_transport(conf, driver, 'rpc')),
        'decide': lambda: support.POLICY.decide(
            driver, None, configured.overlay, configured.settings, 'rpc'),
        'mask_url': lambda: masking.mask_url(parsed),
    }
    result = {}
    for name, step in steps.items():
        samples = []
        for _ in range(repetitions):
            start = time.perf_counter_ns()
            step()
            samples.append(time.perf_counter_ns() - start)
        result[name] = round(median_us(samples), 2)
    for name in ('read_configuration_after_clear', 'admitted_after_clear',
                 'configured_decide_after_clear'):
        result[name] = round(result[name] -
                             result['oslo_config_cache_clear'], 2)
    del result['oslo_config_cache_clear']
    return result


def _importtime(code, python=None):
    """``{top-level module: cumulative microseconds}`` of one interpreter."""
    process = subprocess.run(
        [python or sys.executable, '-X', 'importtime', '-W', 'ignore', '-c',
         code], capture_output=True, text=True, timeout=120, check=True,
        env=_child_env(), cwd=_child_cwd(python or sys.executable))
    found = {}
    for line in process.stderr.splitlines():
        if not line.startswith('import time:'):
            continue
        parts = line[len('import time:'):].split('|')
        if len(parts) != 3:
            continue
        name = parts[2]
        # top-level imports have exactly one space before their name
        if name.startswith(' ') and not name.startswith('  '):
            try:
                found[name.strip()] = int(parts[1])
            except ValueError:
                continue
    return found


def _child_env():
    """The environment of a measured interpreter.

    Byte code is written, as in an installed service (pip compiles it; a
    file that lacks it gets it on the first, warm-up, run).
    """
    env = dict(os.environ)
    env.pop('PYTHONDONTWRITEBYTECODE', None)
    return env


def _child_cwd(python):
    """Where a measured interpreter runs: its environment's directory.

    Not the source tree, which ``python -c`` would import the package
    from instead of the installed one.
    """
    return os.path.dirname(os.path.dirname(os.path.abspath(python)))


def _wall(argv, env=None):
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=120, check=True, env=env or _child_env(),
                   cwd=_child_cwd(argv[0]))
    return time.perf_counter() - start


def _site_packages(venv):
    return sysconfig.get_path('purelib', vars={'base': venv,
                                               'platbase': venv})


def _pad(site_packages, count):
    """Write ``count`` tiny distributions, a third with entry points."""
    for number in range(count):
        name = 'oms_bench_padding_%03d' % number
        dist_info = os.path.join(site_packages, '%s-1.0.dist-info' % name)
        os.makedirs(dist_info, exist_ok=True)
        files = {
            'METADATA': 'Metadata-Version: 2.1\nName: %s\nVersion: 1.0\n'
                        'Summary: padding for the cold-start benchmark\n'
                        % name.replace('_', '-'),
            'INSTALLER': 'bench\n',
            'RECORD': '',
        }
        if number % 3 == 0:
            files['entry_points.txt'] = (
                '[console_scripts]\n%s = %s:main\n\n'
                '[oms_bench.plugins]\nplugin = %s:Plugin\n'
                % (name.replace('_', '-'), name, name))
        for file_name, text in files.items():
            with open(os.path.join(dist_info, file_name), 'w',
                      encoding='utf-8') as stream:
                stream.write(text)


def padded_venv(path=DEFAULT_PADDED_VENV, padding=PADDING):
    """A virtual environment with the project and ``padding`` extra dists.

    Created on first use (the project's requirements from the package
    index); the project itself is reinstalled, not editable and with its
    byte code, on every run so that the figures are the current code's.

    :returns: the environment's ``python``
    """
    python = os.path.join(path, 'bin', 'python')
    marker = os.path.join(path, '.oms-bench-padded-%d' % padding)
    quiet = {'stdout': subprocess.DEVNULL, 'check': True, 'timeout': 1800}
    if not os.path.exists(marker):
        print('creating %s (once) ...' % path, flush=True)
        shutil.rmtree(path, ignore_errors=True)
        subprocess.run([sys.executable, '-m', 'venv', path], **quiet)
        subprocess.run([python, '-m', 'pip', 'install', '-q', REPO],
                       **quiet)
        _pad(_site_packages(path), padding)
        with open(marker, 'w', encoding='utf-8') as stream:
            stream.write('%d padding distributions\n' % padding)
    else:
        subprocess.run([python, '-m', 'pip', 'install', '-q', '--no-deps',
                        '--force-reinstall', REPO], **quiet)
    return python


# One service start: import oslo.messaging, then create the first RPC and
# notification transports, with or without the policy.
_COLD_START = textwrap.dedent("""\
    import gc, importlib, sys, time
    for name in sys.argv[2:]:  # --cold-preimport: paid before the clock
        importlib.import_module(name)
    start = time.perf_counter()
    import oslo_messaging
    imported = time.perf_counter()
    # The full collection that oslo.messaging's import left due, which the
    # service runs a moment later anyway, outside both arms' timed part.
    gc.collect()
    resumed = time.perf_counter()
    from oslo_config import cfg
    conf = cfg.ConfigOpts()
    conf([], project='oms-bench')
    if sys.argv[1] == 'ours':
        import oslo_messaging_support
        oslo_messaging_support.enable(conf)
    # a deployment's driver (no connection is made before a message is
    # sent); fake, a test-only driver, is decided by the engine and logged
    oslo_messaging.get_rpc_transport(conf, 'rabbit://bench/')
    oslo_messaging.get_notification_transport(conf, 'rabbit://bench/')
    done = time.perf_counter()
    print(imported - start, done - resumed)
    """)


def _cold_once(python, arm, preimport=()):
    start = time.perf_counter()
    process = subprocess.run(
        [python, '-W', 'ignore', '-c', _COLD_START, arm] + list(preimport),
        capture_output=True, text=True, timeout=120, check=True,
        env=_child_env(), cwd=_child_cwd(python))
    whole = time.perf_counter() - start
    imported, after = (float(part) for part in process.stdout.split())
    return whole, imported, after


def bench_cold(python, runs, preimport=()):
    """Fresh service starts, plain against ``enable()``, interleaved.

    Three arms rotate: plain, ours, and plain again (the A/A control that
    shows the noise of the measure).

    :param preimport: modules both arms import before the clock starts
        (to tell what a module that a service may already import costs)
    """
    arms = ('plain', 'ours', 'control')
    samples = {arm: [] for arm in arms}
    for arm in arms:  # warm up: page cache, byte code, stevedore's cache
        _cold_once(python, 'ours' if arm == 'ours' else 'plain', preimport)
    for number in range(runs):
        shift = number % len(arms)
        for arm in arms[shift:] + arms[:shift]:
            samples[arm].append(_cold_once(
                python, 'ours' if arm == 'ours' else 'plain', preimport))

    def medians(arm):
        whole, imported, after = zip(*samples[arm])
        return (statistics.median(whole), statistics.median(imported),
                statistics.median(after))

    plain, ours, control = (medians(arm) for arm in arms)
    extra = ours[2] - plain[2]
    return {
        'runs': runs,
        'preimported': list(preimport),
        'padding_distributions': PADDING,
        'plain_whole_ms': round(plain[0] * 1000, 2),
        'ours_whole_ms': round(ours[0] * 1000, 2),
        'plain_import_ms': round(plain[1] * 1000, 2),
        'ours_import_ms': round(ours[1] * 1000, 2),
        'import_ratio': round(ours[1] / plain[1], 4),
        'plain_after_import_ms': round(plain[2] * 1000, 2),
        'ours_after_import_ms': round(ours[2] * 1000, 2),
        'after_import_ratio': round(ours[2] / plain[2], 4),
        'extra_ms': round(extra * 1000, 2),
        # the goal's measure: what the policy adds, over plain's start
        'ratio': round(extra / plain[0], 5),
        'control_after_import_ms': round(control[2] * 1000, 2),
        'control_whole_ratio': round(control[0] / plain[0], 4),
        'control_extra_ms': round((control[2] - plain[2]) * 1000, 2),
    }


def bench_import(repetitions, python=None):
    """What ``import oslo_messaging_support`` adds to oslo.messaging's.

    The cumulative ``-X importtime`` figures are the measure; the wall
    times of whole interpreters are given with an A/A control (the same
    ``import oslo_messaging`` timed as two series) that shows their noise.
    """
    both = 'import oslo_messaging; import oslo_messaging_support'
    alone = 'import oslo_messaging'
    om_us, oms_us = [], []
    variants = [(alone, []), (both, []), (alone, [])]
    python = python or sys.executable
    _wall([python, '-W', 'ignore', '-c', both])  # warm up
    for i in range(repetitions):
        times = _importtime(both, python)
        om_us.append(times['oslo_messaging'])
        oms_us.append(times['oslo_messaging_support'])
        shift = i % len(variants)
        for code, samples in variants[shift:] + variants[:shift]:
            samples.append(_wall([python, '-W', 'ignore', '-c', code]))
    om_median = statistics.median(om_us)
    oms_median = statistics.median(oms_us)
    alone_median = statistics.median(variants[0][1])
    both_median = statistics.median(variants[1][1])
    control_median = statistics.median(variants[2][1])
    return {
        'repetitions': repetitions,
        'importtime_oslo_messaging_us': om_median,
        'importtime_oslo_messaging_support_us': oms_median,
        'ratio': round(oms_median / om_median, 5),
        'wall_import_oslo_messaging_s': round(alone_median, 4),
        'wall_import_both_s': round(both_median, 4),
        'wall_ratio': round(both_median / alone_median, 4),
        'wall_control_ratio': round(control_median / alone_median, 4),
    }


class _Echo:
    def echo(self, ctxt, value):
        return value


def _broker_problem(url):
    import socket
    from urllib import parse
    split = parse.urlsplit(url.replace(url.split('://', 1)[0], 'http', 1))
    host, port = split.hostname or '127.0.0.1', split.port or 5672
    try:
        with socket.create_connection((host, port), timeout=5):
            return None
    except OSError as exc:
        return 'no RabbitMQ answers on %s:%d (%s)' % (host, port, exc)


def bench_rpc(conf, url, rounds, calls):
    """RPC round trips per second through each loader's transport."""
    problem = _broker_problem(url)
    if problem:
        return {'skipped': problem}
    sides = []
    try:
        for label, factory in (
                ('ours', oslo_messaging_support.get_rpc_transport),
                ('oslo_messaging', oslo_messaging.get_rpc_transport)):
            transport = factory(conf, url)
            topic = 'oms-bench-%s-%s' % (label, uuid.uuid4().hex)
            server = oslo_messaging.get_rpc_server(
                transport, oslo_messaging.Target(topic=topic, server='b'),
                [_Echo()])
            server.start()
            client = oslo_messaging.get_rpc_client(
                transport, oslo_messaging.Target(topic=topic), timeout=30)
            sides.append({'label': label, 'transport': transport,
                          'server': server, 'client': client,
                          'calls': 0, 'seconds': 0.0, 'rates': []})
        for side in sides:  # warm up: queues, connections, pools
            for i in range(min(calls, 50)):
                side['client'].call({}, 'echo', value=i)
        for number in range(rounds):
            for side in (sides if number % 2 == 0 else sides[::-1]):
                start = time.perf_counter()
                for i in range(calls):
                    if side['client'].call({}, 'echo', value=i) != i:
                        raise RuntimeError('wrong RPC answer')
                elapsed = time.perf_counter() - start
                side['calls'] += calls
                side['seconds'] += elapsed
                side['rates'].append(round(calls / elapsed, 1))
    finally:
        for side in sides:
            side['server'].stop()
            side['server'].wait()
            side['transport'].cleanup()
    ours, theirs = sides
    ours_rate = ours['calls'] / ours['seconds']
    theirs_rate = theirs['calls'] / theirs['seconds']
    return {
        'url': masking.mask_url(url),
        'rounds': rounds,
        'calls_per_round': calls,
        'ours_calls_per_s': round(ours_rate, 1),
        'oslo_messaging_calls_per_s': round(theirs_rate, 1),
        'ours_rounds': ours['rates'],
        'oslo_messaging_rounds': theirs['rates'],
        'ratio': round(ours_rate / theirs_rate, 4),
    }


def _cli_path(python):
    here = os.path.join(os.path.dirname(python), 'oslo-messaging-support')
    return here if os.path.exists(here) else shutil.which(
        'oslo-messaging-support')


def bench_cli(repetitions, python=None):
    """``oslo-messaging-support list`` against ``import oslo_messaging``."""
    python = python or sys.executable
    cli = _cli_path(python)
    if cli is None:
        return {'skipped': 'the oslo-messaging-support script is not '
                           'installed'}
    variants = [([python, '-c', 'import oslo_messaging'], []),
                ([cli, 'list'], [])]
    for argv, _ in variants:  # warm the page cache
        _wall(argv)
    for i in range(repetitions):
        for argv, samples in (variants if i % 2 == 0 else variants[::-1]):
            samples.append(_wall(argv))
    alone = statistics.median(variants[0][1])
    listing = statistics.median(variants[1][1])
    return {
        'repetitions': repetitions,
        'import_oslo_messaging_s': round(alone, 4),
        'list_s': round(listing, 4),
        'ratio': round(listing / alone, 4),
    }


def _judge(name, ratio):
    how, limit = GOALS[name]
    if how == 'at most':
        met = ratio <= limit
    elif how == 'under':
        met = ratio < limit
    else:
        met = ratio >= limit
    return {'goal': '%s %s' % (how, limit), 'met': met}


def run(args):
    (repetitions, imports, rounds, calls, cli_runs,
     cold_runs) = SIZES[args.size]
    results = {'machine': machine(), 'size': args.size}
    wanted = set(args.only or MEASURES)
    python = None
    if not args.no_cold:
        python = padded_venv(args.padded_venv)
    if python and 'cold' in wanted:
        print('cold start, %d interleaved runs per arm, %d extra '
              'distributions ...' % (cold_runs, PADDING), flush=True)
        results['cold'] = bench_cold(python, cold_runs, args.cold_preimport)
        results['cold'].update(_judge('cold', results['cold']['ratio']))
    if wanted & {'transport_creation', 'rpc'}:
        _in_process(args, results, wanted, repetitions, rounds, calls)
    if 'import' in wanted:
        print('import, %d interpreters each ...' % imports, flush=True)
        results['import'] = bench_import(imports, python)
        results['import'].update(_judge('import',
                                        results['import']['ratio']))
    if 'cli' in wanted:
        print('oslo-messaging-support list, %d runs ...' % cli_runs,
              flush=True)
        results['cli'] = bench_cli(cli_runs, python)
        if 'ratio' in results['cli']:
            results['cli'].update(_judge('cli', results['cli']['ratio']))
    return results


def _in_process(args, results, wanted, repetitions, rounds, calls):
    """The warm-path figures, measured in this process."""
    conf, fixture = make_conf()
    try:
        creation = {}
        schemes = (('fake', 'fake://'), ('rabbit', args.rabbit_url))
        if 'transport_creation' not in wanted:
            schemes = ()
        for scheme, url in schemes:
            print('transport creation, %s:// ...' % scheme, flush=True)
            creation[scheme] = bench_creation(conf, url, repetitions)
            if scheme == 'rabbit':
                creation[scheme].update(
                    _judge('transport_creation', creation[scheme]['ratio']))
            creation[scheme]['breakdown_us'] = bench_breakdown(
                conf, url, repetitions)
        results['transport_creation'] = creation
        if 'rpc' in wanted:
            print('RPC round trips over %s ...' % masking.mask_url(
                args.rabbit_url), flush=True)
            results['rpc'] = bench_rpc(conf, args.rabbit_url, rounds, calls)
            if 'ratio' in results['rpc']:
                results['rpc'].update(_judge('rpc', results['rpc']['ratio']))
    finally:
        fixture.cleanUp()


def summary(results):
    """The figures as lines of text."""
    lines = ['', 'Machine: %(cpu_model)s, %(cores)s cores, Python %(python)s,'
             ' oslo.messaging %(oslo.messaging)s' % results['machine']]

    def verdict(item):
        if 'met' not in item:
            return ''
        return '  [goal %s: %s]' % (item['goal'],
                                    'met' if item['met'] else 'MISSED')

    item = results.get('cold')
    if item:
        lines.append(
            'cold start (%d runs, +%d dists%s), medians: plain / enable()'
            % (item['runs'], item['padding_distributions'],
               ', %s imported first' % ', '.join(item['preimported'])
               if item['preimported'] else ''))
        lines.append(
            '    import oslo_messaging   %8.1f ms / %8.1f ms = %.3f' % (
                item['plain_import_ms'], item['ours_import_ms'],
                item['import_ratio']))
        lines.append(
            '    after the import        %8.1f ms / %8.1f ms = %.3f' % (
                item['plain_after_import_ms'], item['ours_after_import_ms'],
                item['after_import_ratio']))
        lines.append(
            '    whole start             %8.1f ms / %8.1f ms' % (
                item['plain_whole_ms'], item['ours_whole_ms']))
        lines.append(
            '    extra %.2f ms = %.2f%% of plain\'s whole start%s '
            '(A/A control: %+.2f ms)' % (
                item['extra_ms'], item['ratio'] * 100, verdict(item),
                item['control_extra_ms']))
    for scheme, item in results.get('transport_creation', {}).items():
        lines.append(
            'transport creation %-7s ours %8.1f us / oslo.messaging %8.1f '
            'us = %.3f%s' % (scheme + '://', item['ours_median_us'],
                             item['oslo_messaging_median_us'],
                             item['ratio'], verdict(item)))
        lines.append('    our steps (us): %s' % ', '.join(
            '%s %.1f' % pair for pair in item['breakdown_us'].items()))
    item = results.get('import')
    if item:
        lines.extend(_import_lines(item, verdict))
    item = results.get('rpc')
    if item and 'skipped' in item:
        lines.append('RPC: skipped: %s' % item['skipped'])
    elif item:
        lines.append(
            'RPC round trips: ours %.1f/s / oslo.messaging %.1f/s = %.4f%s'
            % (item['ours_calls_per_s'], item['oslo_messaging_calls_per_s'],
               item['ratio'], verdict(item)))
    item = results.get('cli')
    if item and 'skipped' in item:
        lines.append('CLI: skipped: %s' % item['skipped'])
    elif item:
        lines.append(
            'oslo-messaging-support list %.3f s / python -c "import '
            'oslo_messaging" %.3f s = %.3f%s' % (
                item['list_s'], item['import_oslo_messaging_s'],
                item['ratio'], verdict(item)))
    return lines


def _import_lines(item, verdict):
    return [
        'import: oslo_messaging_support %d us / oslo_messaging %d us '
        '(-X importtime) = %.4f%s' % (
            item['importtime_oslo_messaging_support_us'],
            item['importtime_oslo_messaging_us'], item['ratio'],
            verdict(item)),
        '    wall: both %.3f s / oslo_messaging alone %.3f s = %.3f '
        '(A/A control %.3f)' % (
            item['wall_import_both_s'], item['wall_import_oslo_messaging_s'],
            item['wall_ratio'], item['wall_control_ratio'])]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--output', default='bench-results.json',
                        help='where to write the JSON results '
                             '(default: %(default)s)')
    parser.add_argument('--size', choices=sorted(SIZES), default='full',
                        help='how many repetitions (default: %(default)s)')
    parser.add_argument('--rabbit-url', default=DEFAULT_RABBIT_URL,
                        help='the RabbitMQ to measure RPC over')
    parser.add_argument('--padded-venv', default=DEFAULT_PADDED_VENV,
                        help='where the padded virtual environment of the '
                             'cold-start and CLI figures lives (created '
                             'once; default: %(default)s)')
    parser.add_argument('--only', action='append', choices=MEASURES,
                        help='measure this only (repeatable; default: '
                             'everything)')
    parser.add_argument('--cold-preimport', action='append', default=[],
                        metavar='MODULE',
                        help='a module both cold-start arms import before '
                             'the clock starts (repeatable), to tell what '
                             'it costs')
    parser.add_argument('--no-cold', action='store_true',
                        help='skip the padded environment: no cold-start '
                             'figure; import and CLI in this environment')
    args = parser.parse_args(argv)
    results = run(args)
    with open(args.output, 'w', encoding='utf-8') as stream:
        json.dump(results, stream, indent=2, sort_keys=True)
        stream.write('\n')
    for line in summary(results):
        print(line)
    print('\nwritten to %s' % args.output)
    return 0


if __name__ == '__main__':
    sys.exit(main())
