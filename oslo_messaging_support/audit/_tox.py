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
"""Read ``tox.ini``: which transport drivers a tox environment uses.

oslo.messaging's functional environments pick their drivers in two ways
that this module follows: a ``setenv`` value that is a transport URL, and a
``SCENARIO`` variable that a setup script (named in ``commands``) turns
into ``RPC_TRANSPORT_URL`` and ``NOTIFY_TRANSPORT_URL``.  Only the URL
scheme is kept: the URLs themselves may hold passwords.
"""

import configparser
import dataclasses
import os
import re

from oslo_messaging_support.audit import _confined
from oslo_messaging_support.audit import _model
from oslo_messaging_support.readers import bounded

_URL_VALUE = re.compile(r'^\s*["\']?([A-Za-z][A-Za-z0-9+.\-]*)://')
_ASSIGNMENT = re.compile(
    r'^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$')
_CASE_LABEL = re.compile(r'^\s*([A-Za-z0-9_|\-*]+)\)\s*$')
_SCRIPT = re.compile(r'(?:\{toxinidir\}/)?([\w./\-]+\.sh)\b')


@dataclasses.dataclass(frozen=True)
class TransportUse:
    """A driver that an environment uses.

    :ivar scheme: the URL scheme (``rabbit``), before any ``+``
    :ivar usage: ``'rpc'``, ``'notifications'`` or ``None`` for both
    :ivar how: which variable or script set it
    """

    scheme: str
    usage: object
    how: str


def _usage_of(variable):
    upper = variable.upper()
    if 'NOTIF' in upper:
        return 'notifications'
    if 'RPC' in upper:
        return 'rpc'
    return None


def _scheme(value):
    match = _URL_VALUE.match(value)
    return match.group(1).split('+', 1)[0] if match else None


def read_scenarios(path, confined=None):
    """The transports each ``case`` branch of a setup script exports.

    :param confined: the :class:`~._confined.ConfinedTree` the script
        must stay in (by default, its own directory)
    :returns: ``{label: [TransportUse, ...]}``; ``{}`` if there is no
        such file
    :raises InputFileError: the file leads outside the tree, or is not a
        regular, bounded text file
    """
    if confined is None:
        confined = _confined.ConfinedTree(os.path.dirname(path))
    text = confined.read(path)
    if text is None:
        return {}
    lines = text.splitlines()
    result = {}
    label = None
    name = os.path.basename(path)
    for line in lines:
        stripped = line.strip()
        match = _CASE_LABEL.match(line)
        if match and not stripped.startswith('#'):
            label = match.group(1)
            result.setdefault(label, [])
            continue
        if stripped == ';;' or stripped.startswith('esac'):
            label = None
            continue
        assignment = _ASSIGNMENT.match(line)
        if label and assignment:
            variable, value = assignment.groups()
            scheme = _scheme(value)
            if scheme:
                result[label].append(TransportUse(
                    scheme, _usage_of(variable),
                    '%s sets %s (case %s)' % (name, variable, label)))
    return result


@dataclasses.dataclass(frozen=True)
class ToxEnv:
    """One ``[testenv:NAME]`` with what it inherits from ``[testenv]``."""

    name: str
    setenv: dict
    commands: tuple


class ToxConfig:
    """A parsed ``tox.ini``.

    :param path: the file
    :param parser: a :class:`configparser.ConfigParser` holding it
    :param confined: the :class:`~._confined.ConfinedTree` the scripts it
        runs must stay in (by default, the file's directory)
    """

    def __init__(self, path, parser, confined=None):
        self.path = path
        self.parser = parser
        self.confined = confined or _confined.ConfinedTree(
            os.path.dirname(path))
        self._transports = {}
        self._scenarios = {}

    def env(self, name):
        """The :class:`ToxEnv` called ``name``, or ``None``."""
        section = 'testenv:%s' % name
        if not self.parser.has_section(section):
            return None
        setenv = {}
        commands = []
        for part in ('testenv', section):
            if not self.parser.has_section(part):
                continue
            for line in self.parser.get(part, 'setenv',
                                        fallback='').splitlines():
                if '=' in line:
                    key, value = line.split('=', 1)
                    setenv[key.strip()] = value.strip()
            if self.parser.has_option(part, 'commands'):
                commands = [line.strip() for line in self.parser.get(
                    part, 'commands').splitlines() if line.strip()]
        return ToxEnv(name, setenv, tuple(commands))

    def transports(self, name):
        """The :class:`TransportUse` objects of environment ``name``.

        Each environment (and each setup script) is read once, however
        many jobs run it.
        """
        if name not in self._transports:
            self._transports[name] = self._read_transports(name)
        return list(self._transports[name])

    def _scenarios_of(self, script):
        if script not in self._scenarios:
            self._scenarios[script] = read_scenarios(script, self.confined)
        return self._scenarios[script]

    def _read_transports(self, name):
        env = self.env(name)
        if env is None:
            return []
        found = []
        for variable, value in env.setenv.items():
            scheme = _scheme(value)
            if scheme:
                found.append(TransportUse(
                    scheme, _usage_of(variable),
                    'tox.ini [testenv:%s] setenv %s' % (name, variable)))
        scenario = env.setenv.get('SCENARIO')
        if scenario:
            root = os.path.dirname(self.path)
            for command in env.commands:
                match = _SCRIPT.search(command)
                if not match:
                    continue
                script = os.path.join(root, match.group(1))
                branches = self._scenarios_of(script)
                for use in branches.get(scenario, []):
                    found.append(dataclasses.replace(
                        use, how='tox.ini [testenv:%s] SCENARIO=%s; %s'
                        % (name, scenario, use.how)))
        return found

    def runs_all_tests(self):
        """Whether ``[testenv]`` runs the whole suite (``stestr run``)."""
        commands = self.parser.get('testenv', 'commands', fallback='')
        return any(line.strip().startswith('stestr') and ' run' in line
                   for line in commands.splitlines())


def read_tox(path, confined=None):
    """Parse a ``tox.ini``.

    :param confined: the :class:`~._confined.ConfinedTree` of the source
        tree (by default, the file's directory)
    :raises AuditError: not an INI file (with the line)
    :raises InputFileError: not a regular, bounded UTF-8 text file, or
        it leads outside the tree
    """
    confined = confined or _confined.ConfinedTree(os.path.dirname(path))
    text = confined.read(path)
    if text is None:
        text = bounded.read_text(path, what=_model.SOURCE_FILE)
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text, source=path)
    except configparser.MissingSectionHeaderError as exc:
        raise _model.AuditError('%s:%d: not an INI file: no [section] '
                                'before the first option'
                                % (path, exc.lineno)) from None
    except configparser.ParsingError as exc:
        line = exc.errors[0][0] if exc.errors else None
        raise _model.AuditError('%s:%s: not a valid INI line'
                                % (path, line)) from None
    except configparser.Error as exc:
        raise _model.AuditError('%s: %s' % (
            path, bounded.excerpt(str(exc).splitlines()[0],
                                  bounded.PATH_CHARS))) from None
    return ToxConfig(path, parser, confined)
