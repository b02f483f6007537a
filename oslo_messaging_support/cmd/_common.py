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
"""What every command shares.

:class:`SupportCommand` is the one base of the commands: a cliff
:class:`~cliff.lister.Lister` with the standard formatter options, that
computes the exit status, prints every usage or input error as one line on
standard error with exit status 2, shows blanks for missing values and
prints the default columns unless ``--long`` is given.  The helpers read the
evaluation point and the service's configuration files, each file checked by
:mod:`oslo_messaging_support._files` before oslo.config reads it.
"""

import collections
import enum
import glob
import numbers
import os
import sys

from cliff import lister
from oslo_config import cfg

from oslo_messaging_support import _configuration
from oslo_messaging_support import _files
from oslo_messaging_support import _relayed
from oslo_messaging_support import _support_policy
from oslo_messaging_support import exception

#: The program name in messages, however the command was started.
PROG = 'oslo-messaging-support'

#: Exit status of a command whose input (or command line) is wrong.
EXIT_BAD_INPUT = 2

#: Formatters that print every key, whatever ``--long`` says.
STRUCTURED_FORMATS = frozenset(['json', 'yaml'])

#: What a command found: its columns, its rows and its exit status.
Listing = collections.namedtuple('Listing', 'columns rows status',
                                 defaults=(0,))


class CommandError(Exception):
    """An error in a command's input, reported in one line."""


def error_line(prog, message):
    """One line for standard error: ``prog: error: message``, escaped.

    An exception of oslo.config given as the message is masked (see
    :func:`oslo_messaging_support._relayed.exception_text`).
    """
    if isinstance(message, BaseException):
        message = _relayed.exception_text(message)
    return '%s: error: %s\n' % (prog, _files.escape(message))


class UsageError(SystemExit):
    """argparse's usage error, already reported in one line."""

    def __init__(self):
        super().__init__(EXIT_BAD_INPUT)


def one_line_usage_errors(parser, stream=None):
    """Make an argparse parser report a usage error in one line.

    argparse prints the whole usage and then the error; an operator (and a
    script reading standard error) gets the error alone, with the command
    it belongs to.

    :param parser: an :class:`argparse.ArgumentParser`
    :param stream: where to write, standard error by default
    :returns: ``parser``
    """
    def error(message):
        (stream or sys.stderr).write(error_line(parser.prog, message))
        raise UsageError()

    parser.error = error
    return parser


def plain(value):
    """A value as the formatters print it.

    Enumerations (``str`` subclasses such as ``Tier``) become plain
    ``str``, and numbers of other types (``Fraction``, subclasses of
    ``float``) plain ``int`` or ``float``: PyYAML's safe dumper, behind
    cliff's ``-f yaml``, accepts only the exact types.  Containers are
    converted item by item.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def cell(value):
    """A table cell: blank when missing, control characters escaped."""
    if value is None:
        return ''
    value = plain(value)
    if isinstance(value, str):
        return _files.escape(value)
    return value


class ErrorsInOneLine:
    """Mixin for cliff commands: errors in one line, exit status 2."""

    #: What is reported as bad input; anything else is a bug and keeps its
    #: traceback.
    INPUT_ERRORS = (CommandError, exception.SupportPolicyError, cfg.Error)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        return one_line_usage_errors(parser, self._stderr())

    def _stderr(self):
        app = getattr(self, 'app', None)
        return app.stderr if app is not None else sys.stderr

    def _prog(self):
        app = getattr(self, 'app', None)
        name = getattr(self, 'cmd_name', None)
        prog = app.NAME if app is not None else PROG
        return '%s %s' % (prog, name) if name else prog

    def run(self, parsed_args):
        try:
            return super().run(parsed_args)
        except self.INPUT_ERRORS as exc:
            self._stderr().write(error_line(self._prog(), exc))
            return EXIT_BAD_INPUT


class SupportCommand(ErrorsInOneLine, lister.Lister):
    """The base of every command: a Lister that computes its exit status.

    A command implements :meth:`listing`.  Its exit status is the
    ``status`` of the :data:`Listing` it returns, or 2 for bad input.  A
    command that sets :attr:`DEFAULT_COLUMNS` gets ``--long``: the table,
    CSV and value formats print the default columns (those of the listing
    that are named in :attr:`DEFAULT_COLUMNS`, in the listing's order) and
    ``--long`` every column, while JSON and YAML always carry every column.
    """

    #: Column names shown without ``--long``; ``None``: every column.
    DEFAULT_COLUMNS = None

    def __init__(self, app, app_args, cmd_name=None):
        super().__init__(app, app_args, cmd_name=cmd_name)
        self.cmd_name = cmd_name
        self.status = 0

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        if self.DEFAULT_COLUMNS is not None:
            parser.add_argument(
                '--long', action='store_true',
                help='list every column (default: %s; JSON and YAML '
                     'always carry every column)'
                % ', '.join(self.DEFAULT_COLUMNS))
        return parser

    def listing(self, parsed_args):
        """Find what to print.

        :returns: a :data:`Listing`
        :raises CommandError: the input is wrong
        """
        raise NotImplementedError

    def structured(self, parsed_args):
        """Whether the output format carries every key (JSON, YAML)."""
        return getattr(parsed_args, 'formatter', None) in STRUCTURED_FORMATS

    def take_action(self, parsed_args):
        result = self.listing(parsed_args)
        self.status = result.status
        columns = tuple(result.columns)
        rows = [tuple(row) for row in result.rows]
        if self.structured(parsed_args):
            return columns, [tuple(plain(value) for value in row)
                             for row in rows]
        if self.DEFAULT_COLUMNS is not None and not parsed_args.columns \
                and not getattr(parsed_args, 'long', False):
            keep = [index for index, name in enumerate(columns)
                    if name in self.DEFAULT_COLUMNS]
            columns = tuple(columns[index] for index in keep)
            rows = [tuple(row[index] for index in keep) for row in rows]
        return columns, [tuple(cell(value) for value in row)
                         for row in rows]

    def produce_output(self, parsed_args, column_names, data):
        unknown = [name for name in parsed_args.columns
                   if name not in column_names]
        if unknown:
            raise CommandError(
                '-c/--column: unknown column %s (columns: %s)' % (
                    ', '.join("'%s'" % name for name in unknown),
                    ', '.join(column_names)))
        return super().produce_output(parsed_args, column_names, data)

    def run(self, parsed_args):
        self.status = 0
        result = super().run(parsed_args)
        return result or self.status


def add_evaluation_arguments(parser):
    """``--release``, ``--date``, ``--config-file`` and ``--config-dir``."""
    parser.add_argument(
        '--release', metavar='SERIES',
        help='evaluate as of this release series, by name or id '
             '(epoxy, 2025.1); default: the series of the installed '
             'oslo.messaging, or the series under development on --date')
    parser.add_argument(
        '--date', metavar='YYYY-MM-DD',
        help='evaluate as of this date (default: today)')
    parser.add_argument(
        '--config-file', action='append', default=[], metavar='FILE',
        help='a configuration file of the service, read by oslo.config '
             '(repeatable; later files override earlier ones)')
    parser.add_argument(
        '--config-dir', action='append', default=[], metavar='DIR',
        help='a directory of *.conf files, read after --config-file')
    return parser


def check_configuration_files(parsed_args):
    """Refuse every configuration file that is not safe to read.

    Each ``--config-file``, and each ``*.conf`` of each ``--config-dir``
    (the files oslo.config would read), must be a regular UTF-8 text file
    under :data:`oslo_messaging_support._files.MAX_BYTES`: a directory, a
    FIFO, a device, a symlink loop or a binary file is refused before
    oslo.config opens it.

    :raises InputFileError: one line naming the option and the file
    :raises CommandError: a ``--config-dir`` that is not a directory
    """
    for path in parsed_args.config_file:
        _files.read_text(path, what='--config-file')
    for directory in parsed_args.config_dir:
        if not directory or not os.path.isdir(directory):
            raise CommandError('--config-dir %s: not a directory'
                               % (directory or "''"))
        pattern = os.path.join(glob.escape(directory), '*.conf')
        for path in sorted(glob.glob(pattern)):
            _files.read_text(path, what='--config-dir file')


def load_configuration(parsed_args, register=None):
    """Parse the service's configuration files as the service would.

    :param register: a callable that registers more options on the
        ``ConfigOpts`` before the files are read
    :returns: ``(conf, ConfiguredPolicy)``
    :raises CommandError: a file is missing, unreadable or malformed
    :raises InputFileError: a file is not a regular, bounded text file
    """
    check_configuration_files(parsed_args)
    conf = cfg.ConfigOpts()
    if register is not None:
        register(conf)
    try:
        conf(args=[], project=None, validate_default_values=True,
             default_config_files=list(parsed_args.config_file),
             default_config_dirs=list(parsed_args.config_dir),
             use_env=False)
        configured = _configuration.read_configuration(conf)
    except cfg.ConfigFilesNotFoundError as exc:
        raise CommandError('configuration file not found or not readable:'
                           ' %s' % ', '.join(exc.config_files)) from None
    except cfg.ConfigDirNotFoundError as exc:
        raise CommandError('configuration directory not found: %s'
                           % exc.config_dir) from None
    except cfg.ConfigFileParseError as exc:
        message = ('cannot parse configuration file %s'
                   % _relayed.config_error_text(exc))
    except (cfg.ConfigFileValueError, ValueError) as exc:
        if isinstance(exc, exception.SupportPolicyError):
            raise
        message = ('bad value in the configuration: %s'
                   % _relayed.config_error_text(exc))
    else:
        return conf, configured
    # raised outside the handlers: oslo.config's error, which quotes the
    # line or the value, is not kept as the __context__
    raise CommandError(message) from None


def evaluation_point(parsed_args, configured):
    """The evaluation point from the arguments, then the configuration."""
    release = parsed_args.release or configured.release
    if release is None and parsed_args.date is None:
        return None
    return _support_policy.POLICY.point(release, parsed_args.date)


def series_label(series):
    """A series by its name where it has one, else by its id."""
    return series.label if series is not None else None


def date_label(day):
    """A date as ``YYYY-MM-DD``, or ``None``."""
    return day.isoformat() if day is not None else None
