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
"""Regenerate the bundled evidence from an oslo.messaging release.

Steps (each printed as it runs):

1. download the release's sdist from PyPI (``pip download --no-deps
   --no-binary :all: oslo.messaging==VERSION``) and unpack it;
2. make a virtualenv under the work directory and install the tree with
   its ``test-requirements.txt``;
3. run its unit tests under coverage, as its ``tox -e cover`` does
   (``PYTHON="coverage run --source oslo_messaging --parallel-mode"
   stestr run``), optionally only the tests matching ``--tests``; then
   ``coverage combine``, ``coverage xml`` and ``coverage json``;
4. run ``oslo-messaging-support audit --source TREE --coverage
   coverage.xml -f json`` on it;
5. write ``evidence.yaml``: each driver's ``evidence:`` block in the
   manifest's schema, ready to paste into
   ``oslo_messaging_support/data/manifest.yaml``, and ``audit.json``.

Usage::

    python tools/refresh_evidence.py 18.3.1 --workdir /tmp/om-evidence
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tarfile

import yaml

COVER_PYTHON = 'coverage run --source oslo_messaging --parallel-mode'
_TOTALS = re.compile(r'^\s*-\s*(Passed|Failed|Skipped):\s*(\d+)', re.M)


def step(text):
    print('==> %s' % text, flush=True)


def run(argv, cwd=None, env=None, check=True, log=None):
    step(' '.join(argv))
    result = subprocess.run(argv, cwd=cwd, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if log:
        with open(log, 'w', encoding='utf-8') as stream:
            stream.write(result.stdout)
    if check and result.returncode:
        sys.exit('%s failed (exit %d):\n%s' % (
            argv[0], result.returncode, result.stdout[-3000:]))
    return result


def fetch(version, workdir):
    """Download and unpack the sdist; the tree's path."""
    run([sys.executable, '-m', 'pip', 'download', '--no-deps',
         '--no-binary', ':all:', 'oslo.messaging==%s' % version,
         '-d', workdir])
    archives = glob.glob(os.path.join(workdir, 'oslo*messaging-%s.tar.gz'
                                      % version))
    if not archives:
        sys.exit('no sdist of oslo.messaging %s in %s' % (version, workdir))
    with tarfile.open(archives[0]) as archive:
        archive.extractall(workdir, filter='data')
        top = archive.getnames()[0].split('/')[0]
    return os.path.join(workdir, top)


def prepare(tree, workdir, python):
    """A virtualenv with the tree and its test requirements."""
    venv = os.path.join(workdir, 'venv')
    if not os.path.exists(os.path.join(venv, 'bin', 'python')):
        run([python, '-m', 'venv', venv])
    pip = os.path.join(venv, 'bin', 'pip')
    run([pip, 'install', '-q', '-e', tree, '-r',
         os.path.join(tree, 'test-requirements.txt')])
    return venv


def measure(tree, venv, workdir, tests, concurrency):
    """Run the unit tests under coverage; (totals, command, python)."""
    bindir = os.path.join(venv, 'bin')
    env = dict(os.environ, PYTHON=COVER_PYTHON,
               PATH=bindir + os.pathsep + os.environ.get('PATH', ''))
    for stale in glob.glob(os.path.join(tree, '.coverage*')):
        if not stale.endswith('.coveragerc'):
            os.remove(stale)
    argv = [os.path.join(bindir, 'stestr'), 'run']
    if concurrency:
        argv += ['--concurrency', str(concurrency)]
    if tests:
        argv.append(tests)
    result = run(argv, cwd=tree, env=env, check=False,
                 log=os.path.join(workdir, 'stestr.log'))
    totals = {key.lower(): int(value)
              for key, value in _TOTALS.findall(result.stdout)}
    if not totals:
        sys.exit('the test run reported no totals; see %s'
                 % os.path.join(workdir, 'stestr.log'))
    coverage = os.path.join(bindir, 'coverage')
    run([coverage, 'combine'], cwd=tree, env=env)
    run([coverage, 'xml', '-o', os.path.join(workdir, 'coverage.xml')],
        cwd=tree, env=env)
    run([coverage, 'json', '-o', os.path.join(workdir, 'coverage.json')],
        cwd=tree, env=env)
    version = subprocess.run(
        [os.path.join(bindir, 'python'), '-c',
         'import platform; print(platform.python_version())'],
        text=True, stdout=subprocess.PIPE, check=True).stdout.strip()
    command = 'PYTHON="%s" %s' % (COVER_PYTHON, ' '.join(
        ['stestr'] + argv[1:]))
    return totals, command, version


def audit(tree, workdir, series):
    """Run the audit on the tree and the report; its JSON."""
    argv = [sys.executable, '-m', 'oslo_messaging_support.cmd.main',
            'audit', '--source', tree, '--coverage',
            os.path.join(workdir, 'coverage.xml'), '-f', 'json']
    if series:
        argv += ['--release', series]
    result = run(argv)
    with open(os.path.join(workdir, 'audit.json'), 'w') as stream:
        stream.write(result.stdout)
    return json.loads(result.stdout)


def evidence_blocks(results, release, totals, command, python, tests):
    """The manifest's ``evidence:`` block of each driver."""
    run_text = ('%d passed, %d failed, %d skipped on Python %s' % (
        totals.get('passed', 0), totals.get('failed', 0),
        totals.get('skipped', 0), python))
    scope = ('only the tests matching %s' % tests if tests
             else 'the whole unit test suite')
    blocks = {}
    for item in results:
        block = {}
        for finding in item['findings']:
            entry = {'result': finding['result'],
                     'detail': finding['evidence']}
            if finding['origin'] == 'coverage report':
                if finding['value'] is not None:
                    entry['value'] = finding['value']
                    entry['detail'] += '; measured over %s (%s)' % (
                        scope, run_text)
                entry['source'] = ('%s sdist, %s; coverage xml '
                                   '(tools/refresh_evidence.py)'
                                   % (release, command))
            elif finding['origin'] == 'source tree':
                entry['source'] = finding['source']
            else:
                entry['source'] = finding['source']
            block[finding['criterion']] = entry
        blocks[item['driver']] = {'evidence': block}
    return blocks


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('version', help='the oslo.messaging release')
    parser.add_argument('--workdir', default=None,
                        help='where to work (default /tmp/om-VERSION)')
    parser.add_argument('--python', default=sys.executable,
                        help='the interpreter of the test virtualenv')
    parser.add_argument('--tests', default=None, metavar='REGEX',
                        help='run only these tests (e.g. '
                             'oslo_messaging.tests.drivers), when the full '
                             'suite is too slow; recorded in the evidence')
    parser.add_argument('--concurrency', type=int, default=0)
    parser.add_argument('--release-series', default=None,
                        help='evaluate the audit at this series (default: '
                             'the series of the version)')
    args = parser.parse_args(argv)
    workdir = os.path.abspath(args.workdir or '/tmp/om-%s' % args.version)
    os.makedirs(workdir, exist_ok=True)
    tree = fetch(args.version, workdir)
    venv = prepare(tree, workdir, args.python)
    totals, command, python = measure(tree, venv, workdir, args.tests,
                                      args.concurrency)
    results = audit(tree, workdir, args.release_series)
    release = 'oslo.messaging %s' % args.version
    blocks = evidence_blocks(results, release, totals, command, python,
                             args.tests)
    out = os.path.join(workdir, 'evidence.yaml')
    with open(out, 'w', encoding='utf-8') as stream:
        stream.write('# Produced by tools/refresh_evidence.py for %s\n'
                     'evidence_release: %s\n' % (release, release))
        yaml.safe_dump({'drivers': blocks}, stream, sort_keys=False,
                       width=74, allow_unicode=True)
    step('tests: %s; evidence written to %s' % (totals, out))
    return 0


if __name__ == '__main__':
    sys.exit(main())
