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
"""The layers of the package: imports run one way, with no cycle.

See doc/source/contributor/design.rst for the picture.
"""

import ast
import os

import testtools

import oslo_messaging_support

PACKAGE = 'oslo_messaging_support'
ROOT = os.path.dirname(oslo_messaging_support.__file__)

#: Each layer's rank: a module may import its own layer or a lower one.
RANKS = {
    'exception': 0,
    'readers': 1,
    'data': 2,
    'engine': 3,
    'opts': 3,
    'service': 4,
    'audit': 5,
    'cmd': 6,
    # the faces
    '__init__': 7,
    'upgradecheck': 7,
    'sphinxext': 7,
    'fixture': 7,
}

#: Imports inside functions that go up a layer, each documented on the
#: design page ("What loads lazily, and why").
LAZY_UPWARD = {
    ('oslo_messaging_support.exception',
     'oslo_messaging_support.service.unsupported'),
}


def modules():
    """``{dotted name: path}`` of every module of the package."""
    found = {}
    for directory, _dirs, files in os.walk(ROOT):
        for name in files:
            if not name.endswith('.py'):
                continue
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, os.path.dirname(ROOT))[:-3]
            dotted = relative.replace(os.sep, '.')
            if dotted.endswith('.__init__'):
                dotted = dotted[:-len('.__init__')]
            found[dotted] = path
    return found


def imports(path, known):
    """``[(imported module, at top level)]`` of the package's modules."""
    with open(path, encoding='utf-8') as stream:
        tree = ast.parse(stream.read())
    top = set(id(node) for node in tree.body)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and \
                node.module.startswith(PACKAGE):
            for alias in node.names:
                candidate = '%s.%s' % (node.module, alias.name)
                name = candidate if candidate in known else node.module
                found.append((name, id(node) in top))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(PACKAGE + '.'):
                    found.append((alias.name, id(node) in top))
    return found


def layer(dotted):
    parts = dotted.split('.')
    return parts[1] if len(parts) > 1 else '__init__'


class LayersTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.modules = modules()
        self.graph = {name: imports(path, self.modules)
                      for name, path in self.modules.items()}

    def test_every_module_has_a_layer(self):
        self.assertEqual(set(), {layer(name) for name in self.modules} -
                         set(RANKS))

    def test_imports_go_down(self):
        wrong = []
        for name, found in self.graph.items():
            for target, _at_top in found:
                if target == PACKAGE or layer(target) == layer(name):
                    continue
                if RANKS[layer(target)] > RANKS[layer(name)] and \
                        (name, target) not in LAZY_UPWARD:
                    wrong.append('%s imports %s' % (name, target))
        self.assertEqual([], sorted(wrong))

    def test_no_import_cycle(self):
        # A documented lazy import upward runs after both modules are
        # imported: it cannot close a cycle at import time.
        edges = {name: {target for target, _ in found
                        if target in self.modules and target != name and
                        (name, target) not in LAZY_UPWARD}
                 for name, found in self.graph.items()}
        cycles = []
        state = {}

        def visit(name, path):
            state[name] = 'open'
            for target in sorted(edges[name]):
                if state.get(target) == 'open':
                    cycles.append(' -> '.join(
                        path[path.index(target):] + [target]))
                elif target not in state:
                    visit(target, path + [target])
            state[name] = 'done'

        for name in sorted(edges):
            if name not in state:
                visit(name, [name])
        self.assertEqual([], cycles)
