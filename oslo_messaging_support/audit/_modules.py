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
"""The modules that implement each driver, read from the code.

A driver is implemented by its entry point's module (``impl_rabbit``),
the ``oslo_messaging._drivers`` modules it imports (directly or through
them) that no other driver's module imports (so ``amqpdriver`` and
``pool`` count for rabbit, while ``base`` and ``common``, shared by every
driver, count for none), and a package named after the driver
(``_drivers/kafka_driver/``).
"""

import ast
import os

from oslo_messaging_support.audit import _confined

_PACKAGE = 'oslo_messaging'
_DRIVERS = _PACKAGE + '._drivers'


def _module_file(package_dir, dotted):
    parts = dotted.split('.')[1:]
    if not all(part.isidentifier() for part in parts):
        return None  # not a module name: never a path
    base = os.path.join(package_dir, *parts)
    if os.path.isfile(base + '.py'):
        return base + '.py'
    init = os.path.join(base, '__init__.py')
    return init if os.path.isfile(init) else None


def _imports(path, confined):
    text = confined.read(path)
    if text is None:
        return set()
    try:
        tree = ast.parse(text, path)
    except (SyntaxError, ValueError, RecursionError):
        return set()
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and \
                not node.level:
            found.add(node.module)
            found.update('%s.%s' % (node.module, alias.name)
                         for alias in node.names)
    return {name for name in found if name.startswith(_DRIVERS + '.')}


def _closure(package_dir, module, confined, read):
    """The modules ``module`` imports, directly or not.

    :param read: ``{path: imports}`` of the files already parsed
    """
    seen = set()
    todo = [module]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        path = _module_file(package_dir, current)
        if path is None:
            continue
        seen.add(current)
        if path not in read:
            read[path] = _imports(path, confined)
        todo.extend(read[path])
    return seen


def _relative(dotted, package_dir):
    path = _module_file(package_dir, dotted)
    return os.path.relpath(path, package_dir).replace(os.sep, '/')


def driver_modules(package_dir, entry_points, confined=None):
    """Map each driver to the files that implement it.

    :param package_dir: the ``oslo_messaging`` package directory
    :param entry_points: ``{driver: 'module:Class'}``
    :param confined: the :class:`~._confined.ConfinedTree` the modules
        must stay in (by default, ``package_dir``)
    :returns: ``{driver: [path relative to package_dir, ...]}``; a driver
        whose module is not in the tree maps to ``[]``
    :raises InputFileError: a module leads outside the tree, or is not a
        regular, bounded UTF-8 text file
    """
    if confined is None:
        confined = _confined.ConfinedTree(
            package_dir, what='module of the source tree')
    # Each file is parsed once and each entry module's closure computed
    # once, however many drivers (and aliases) name it.
    read = {}
    closures = {}
    for target in entry_points.values():
        module = target.split(':', 1)[0]
        if module not in closures and module.startswith(_DRIVERS) and \
                _module_file(package_dir, module):
            closures[module] = _closure(package_dir, module, confined, read)
    importers = {}
    for module, closure in closures.items():
        for name in closure:
            importers.setdefault(name, set()).add(module)
    result = {}
    for driver, target in entry_points.items():
        module = target.split(':', 1)[0]
        if module not in closures:
            result[driver] = []
            continue
        # A module no other driver's entry module imports is this one's.
        owned = sorted(name for name in closures[module]
                       if name == module or importers[name] == {module})
        files = [_relative(name, package_dir) for name in owned]
        package = os.path.join(package_dir, '_drivers',
                               '%s_driver' % driver)
        if driver.isidentifier() and os.path.isdir(package):
            for item in confined.listdir(package):
                rel = '_drivers/%s_driver/%s' % (driver, item)
                if item.endswith('.py') and rel not in files:
                    files.append(rel)
        result[driver] = files
    return result
