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
"""Every third-party module the package imports is declared.

A service installs ``requirements.txt``; the upgrade check and the Sphinx
extension need the ``[upgradecheck]`` and ``[docs]`` extras of
``setup.cfg``.
"""

import ast
import configparser
from importlib import metadata
import os
import re
import sys

import testtools

import oslo_messaging_support

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
PACKAGE = os.path.dirname(os.path.abspath(oslo_messaging_support.__file__))

#: Modules that only need an extra, and the extra.
EXTRAS = {'oslo_upgradecheck': 'upgradecheck', 'sphinx': 'docs',
          'docutils': 'docs'}


def _name(line):
    line = line.split('#', 1)[0].strip()
    match = re.match(r'[A-Za-z0-9._-]+', line)
    return _normalize(match.group()) if match else None


def _normalize(name):
    return re.sub(r'[-_.]+', '-', name).lower()


def requirements():
    """The distributions of ``requirements.txt``, normalized."""
    with open(os.path.join(ROOT, 'requirements.txt')) as stream:
        return {name for name in map(_name, stream) if name}


def extras():
    """``{extra: {distribution, ...}}`` of ``setup.cfg``."""
    parser = configparser.ConfigParser()
    parser.read(os.path.join(ROOT, 'setup.cfg'))
    return {extra: {name for name in map(_name, value.splitlines())
                    if name}
            for extra, value in parser.items('extras')}


def imports():
    """``{top-level module: [file, ...]}`` of the package's imports."""
    found = {}
    for root, _dirs, files in os.walk(PACKAGE):
        for name in files:
            if not name.endswith('.py'):
                continue
            path = os.path.join(root, name)
            with open(path) as stream:
                tree = ast.parse(stream.read(), path)
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and not node.level:
                    names = [node.module]
                else:
                    continue
                for module in names:
                    found.setdefault(module.split('.')[0], []).append(path)
    return found


class TestDeclared(testtools.TestCase):

    def test_every_import_is_declared(self):
        declared = requirements()
        optional = extras()
        distributions = metadata.packages_distributions()
        for module, files in sorted(imports().items()):
            if module in sys.stdlib_module_names or \
                    module in ('oslo_messaging_support', 'tomli', 'tomllib'):
                # tomllib is the standard library's from 3.11 on, tomli
                # before (test_tomli_only_where_tomllib_is_missing).
                continue
            # Python 3.10's metadata maps a module only through
            # top_level.txt, which some wheels lack: then the module's own
            # name is the distribution's (oslo_config is oslo.config).
            names = {_normalize(name)
                     for name in distributions.get(module, [module])}
            if module in EXTRAS:
                # docutils comes with Sphinx.
                self.assertIn(EXTRAS[module], optional)
                self.assertFalse(names & declared, module)
                if module != 'docutils':
                    self.assertTrue(names & optional[EXTRAS[module]],
                                    (module, files))
            else:
                self.assertTrue(names & declared,
                                '%s (imported by %s) is not in '
                                'requirements.txt' % (module, files[0]))

    def test_tomli_only_where_tomllib_is_missing(self):
        with open(os.path.join(ROOT, 'requirements.txt')) as stream:
            line = next(line for line in stream
                        if line.startswith('tomli'))
        self.assertIn("python_version<'3.11'", line)

    def test_classifiers_name_the_tested_pythons(self):
        parser = configparser.ConfigParser()
        parser.read(os.path.join(ROOT, 'setup.cfg'))
        classifiers = parser.get('metadata', 'classifier')
        pythons = re.findall(r'Python :: (3\.\d+)', classifiers)
        tox = configparser.ConfigParser(interpolation=None)
        tox.read(os.path.join(ROOT, 'tox.ini'))
        envs = {'3.%s' % env[3:] for env in re.split(
            r'[\s,]+', tox.get('tox', 'envlist'))
            if re.fullmatch(r'py3\d+', env)}
        self.assertEqual(sorted(envs), sorted(pythons))
        self.assertEqual('>=%s' % min(pythons, key=lambda v: int(
            v.split('.')[1])), parser.get('metadata', 'python_requires'))
