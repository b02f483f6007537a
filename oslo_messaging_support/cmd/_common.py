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
computes the exit status, prints every usage or input error (and any
unexpected error) as one line on standard error with exit status 255,
shows blanks for missing values, prints the default columns unless
``--long`` is given and says what it evaluated at (see
:mod:`._evaluation`).  The helpers read the
evaluation point and the service's configuration files, each file checked by
:mod:`oslo_messaging_support.readers.bounded` before oslo.config reads it.
"""

import collections
import difflib
import enum
import glob
import numbers
import os
import sys

from cliff import lister
from oslo_config import cfg

from oslo_messaging_support import exception
from oslo_messaging_support.readers import bounded
from oslo_messaging_support.service import configuration
from oslo_messaging_support.service import relayed

#: The program name in messages, however the command was started.
PROG = 'oslo-messaging-support'


class ExitStatus(enum.IntEnum):
    """The exit statuses of every command, oslo.upgradecheck's.

    0 success, 1 warning, 2 failure, and 255 (oslo.upgradecheck's status
    for an error of the check itself) for a usage or input error or any
    unexpected error.
    """

    SUCCESS = 0
    WARNING = 1
    FAILURE = 2
    ERROR = 255


#: Exit status of a command whose input (or command line) is wrong.
EXIT_BAD_INPUT = ExitStatus.ERROR

#: Formatters that print every key, whatever ``--long`` says.
STRUCTURED_FORMATS = frozenset(['json', 'yaml'])

#: What a command found: its columns, its rows and its exit status.
#: ``evaluated`` is the :class:`._evaluation.Evaluated` point, if any.
Listing = collections.namedtuple('Listing', 'columns rows status evaluated',
                                 defaults=(0, None))


class CommandError(Exception):
    """An error in a command's input, reported in one line."""


#: The longest error message printed, in characters.  Each input value a
#: message quotes is already a short excerpt (see
#: :func:`~oslo_messaging_support.readers.bounded.excerpt`); this bounds
#: what others compose (argparse, oslo.config, oslo.messaging).
MAX_ERROR_CHARS = 1000


def error_line(prog, message):
    """One line for standard error: ``prog: error: message``, escaped.

    A message longer than :data:`MAX_ERROR_CHARS` is shortened the way
    :func:`~oslo_messaging_support.readers.bounded.excerpt` shortens a value,
    and an exception of oslo.config given as the message is masked (see
    :func:`oslo_messaging_support.service.relayed.exception_text`).
    """
    if isinstance(message, BaseException):
        message = relayed.exception_text(message)
    text = bounded.excerpt(str(message), MAX_ERROR_CHARS)
    return '%s: error: %s\n' % (prog, text)


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
        return bounded.escape(value)
    return value


def unexpected_error(exc):
    """The one-line message of an error no command expected."""
    return '%s: %s' % (type(exc).__name__, exc) if str(exc) else \
        type(exc).__name__


class ErrorsInOneLine:
    """Mixin for cliff commands: errors in one line, exit status 255.

    An input error is reported as it is; any other exception (a bug, a
    broken installation) as its type and message, also with status 255,
    never as cliff's log line with status 1 (which means "warning").
    ``--debug`` keeps the traceback of the latter.
    """

    #: What is reported as bad input, by its message alone.
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
        except Exception as exc:
            app = getattr(self, 'app', None)
            if app is not None and getattr(app.options, 'debug', False):
                raise
            self._stderr().write(error_line(self._prog(),
                                            unexpected_error(exc)))
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

    #: The JSON and YAML key that says what the command evaluated at.
    EVALUATED_KEY = 'Evaluated At'

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

    def note(self, sentence):
        """Tell the operator something on standard error, in one line."""
        self._stderr().write('%s\n' % bounded.escape(sentence))

    def configuration(self, parsed_args, register=None, required=False):
        """:func:`load_configuration`, its notes on standard error."""
        return load_configuration(parsed_args, register, required,
                                  self.note)

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
            if result.evaluated is not None:
                field = result.evaluated.as_dict()
                columns += (self.EVALUATED_KEY,)
                rows = [row + (field,) for row in rows]
            return columns, [tuple(plain(value) for value in row)
                             for row in rows]
        # Said before the table, and apart from it: -f value stays clean.
        self._evaluated = result.evaluated
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
                    ', '.join("'%s'" % bounded.excerpt(name)
                              for name in unknown),
                    ', '.join(column_names)))
        evaluated = getattr(self, '_evaluated', None)
        if evaluated is not None and not self.structured(parsed_args):
            self.note(evaluated.line())
        return super().produce_output(parsed_args, column_names, data)

    def run(self, parsed_args):
        self.status = 0
        result = super().run(parsed_args)
        return result or self.status


def add_evaluation_arguments(parser):
    """Add the evaluation point's and the configuration's options.

    ``--release``, ``--date``, ``--config-file``, ``--config-dir`` and
    ``--project``.
    """
    from oslo_messaging_support.cmd import _evaluation
    parser.add_argument(
        '--release', metavar='SERIES', type=_evaluation.release_argument,
        help='evaluate as of this release series, by name or id '
             '(epoxy, 2025.1); default: [oslo_messaging_support] '
             'evaluation_release of the configuration if set, else the '
             'series under development on --date if given, else %s'
             % _evaluation.default_release_help().replace('%', '%%'))
    parser.add_argument(
        '--date', metavar='YYYY-MM-DD',
        help='evaluate as of this date (default: today)')
    parser.add_argument(
        '--config-file', action='append', default=[], metavar='FILE',
        help='a configuration file of the service, read by oslo.config '
             '(repeatable; later files override earlier ones)')
    parser.add_argument(
        '--config-dir', action='append', default=[], metavar='DIR',
        help='a directory whose files ending in .conf are read, after '
             '--config-file')
    parser.add_argument(
        '--project', metavar='NAME',
        help='without --config-file and --config-dir, read the files '
             'oslo.config finds for this project, as the service does '
             '(NAME.conf and NAME.conf.d in ~/.NAME/, ~/, /etc/NAME/ and '
             '/etc/)')
    return parser


def _listable(directory):
    """Refuse a ``--config-dir`` that is not a directory or cannot be read.

    :raises CommandError: one line naming the directory and the reason
    """
    if not directory or not os.path.isdir(directory):
        raise CommandError('--config-dir %s: not a directory'
                           % bounded.excerpt(directory or "''",
                                             bounded.PATH_CHARS))
    try:
        os.listdir(directory)
    except OSError as error:
        raise CommandError('--config-dir %s: cannot be listed: %s'
                           % (bounded.excerpt(directory, bounded.PATH_CHARS),
                              error.strerror or error)) from None


def check_configuration_files(parsed_args):
    """Refuse every configuration file that is not safe to read.

    Each ``--config-file``, and each ``*.conf`` of each ``--config-dir``
    (the files oslo.config would read), must be a regular UTF-8 text file
    under :data:`~oslo_messaging_support.readers.bounded.MAX_BYTES`: a
    directory, a FIFO, a device, a symlink loop or a binary file is refused
    before oslo.config opens it.  A directory that cannot be listed is refused
    too: it would otherwise read as an empty one.

    :raises InputFileError: one line naming the option and the file
    :raises CommandError: a ``--config-dir`` that is not a directory or
        cannot be listed
    """
    for path in parsed_args.config_file:
        bounded.read_text(path, what='--config-file')
    for directory in parsed_args.config_dir:
        _listable(directory)
        pattern = os.path.join(glob.escape(directory), '*.conf')
        for path in sorted(glob.glob(pattern)):
            bounded.read_text(path, what='--config-dir file')


def discover(parsed_args):
    """Fill ``--config-file`` and ``--config-dir`` from ``--project``.

    With neither option given, the files and directories oslo.config's own
    :func:`~oslo_config.cfg.find_config_files` and
    :func:`~oslo_config.cfg.find_config_dirs` find for the project, as a
    service of that project finds them.

    :returns: whether there is any configuration to read
    :raises CommandError: ``--project`` finds nothing
    """
    if parsed_args.config_file or parsed_args.config_dir:
        return True
    project = getattr(parsed_args, 'project', None)
    if not project:
        return False
    parsed_args.config_file = cfg.find_config_files(project=project,
                                                    prog=project)
    parsed_args.config_dir = cfg.find_config_dirs(project=project,
                                                  prog=project)
    if not parsed_args.config_file and not parsed_args.config_dir:
        raise CommandError(
            "--project %s: oslo.config finds no configuration file (no "
            "%s.conf and no %s.conf.d in ~/.%s/, ~/, /etc/%s/ or /etc/); "
            "give --config-file or --config-dir"
            % ((project,) * 5))
    return True


def load_configuration(parsed_args, register=None, required=False,
                       note=None):
    """Parse the service's configuration as the service would.

    The files of ``--config-file``, ``--config-dir`` or ``--project`` (see
    :func:`discover`), and oslo.config's ``OS_<GROUP>__<OPTION>``
    environment variables, which override them as they do in a service.
    ``config_source`` remote sources are not fetched: ``note`` is told
    which ones are skipped.

    :param register: a callable that registers more options on the
        ``ConfigOpts`` before the files are read
    :param required: fail when there is no configuration to read
    :param note: a callable given a sentence for the operator, or ``None``
    :returns: ``(conf, ConfiguredPolicy)``
    :raises CommandError: nothing to read (with ``required``), or a file
        is missing, unreadable or malformed
    :raises InputFileError: a file is not a regular, bounded text file
    """
    if not discover(parsed_args) and required:
        raise CommandError(
            'no configuration to read: give --config-file, --config-dir '
            'or --project NAME (the built-in defaults are not a '
            'service\'s configuration)')
    check_configuration_files(parsed_args)
    conf = cfg.ConfigOpts()
    if register is not None:
        register(conf)
    # Remote sources are the service's to fetch, not the check's.
    conf.set_override('config_source', [])
    try:
        conf(args=[], project=None, validate_default_values=True,
             default_config_files=list(parsed_args.config_file),
             default_config_dirs=list(parsed_args.config_dir),
             use_env=True)
        conf.clear_override('config_source')
        skipped = [name for name in conf.config_source or () if name]
        configured = configuration.read_configuration(conf)
    except cfg.ConfigFilesNotFoundError as exc:
        raise CommandError('configuration file not found or not readable:'
                           ' %s' % ', '.join(exc.config_files)) from None
    except cfg.ConfigFilesPermissionDeniedError as exc:
        raise CommandError('configuration file not readable: %s'
                           % ', '.join(exc.config_files)) from None
    except cfg.ConfigDirNotFoundError as exc:
        raise CommandError('configuration directory not found: %s'
                           % exc.config_dir) from None
    except cfg.ConfigFileParseError as exc:
        message = ('cannot parse configuration file %s'
                   % relayed.config_error_text(exc))
    except (cfg.ConfigFileValueError, ValueError) as exc:
        if isinstance(exc, exception.SupportPolicyError):
            raise
        message = ('bad value in the configuration: %s'
                   % relayed.config_error_text(exc))
    else:
        if skipped and note is not None:
            note('[DEFAULT] config_source names %s: remote configuration '
                 'is not fetched by this command, so what it would set is '
                 'not judged' % ', '.join('[%s]' % name for name in skipped))
        return conf, configured
    # raised outside the handlers: oslo.config's error, which quotes the
    # line or the value, is not kept as the __context__
    raise CommandError(message) from None


def evaluated(parsed_args, configured, fallback=None, floor=False):
    """The :class:`._evaluation.Evaluated` point of a command.

    From ``--release`` and ``--date``, then ``evaluation_release`` of the
    configuration, then ``fallback`` or the installed oslo.messaging.
    """
    from oslo_messaging_support.cmd import _evaluation
    return _evaluation.resolve(parsed_args.release, parsed_args.date,
                               configured.release, fallback, floor)


def evaluation_point(parsed_args, configured):
    """The evaluation point from the arguments, then the configuration."""
    release = parsed_args.release or configured.release
    if release is None and parsed_args.date is None:
        return None
    return evaluated(parsed_args, configured).point


def nearest(name, names):
    """The name of ``names`` nearest to a misspelled ``name``, or ``None``."""
    found = difflib.get_close_matches(str(name).lower(), list(names), n=1)
    return found[0] if found else None


def nearest_driver(name, names):
    """`` (did you mean 'kafka'?)`` for a misspelled driver, or ``''``."""
    found = nearest(name, names)
    return " (did you mean '%s'?)" % found if found else ''


def check_driver_options(names, manifest):
    """Refuse a ``--driver`` that names no driver of ``manifest``.

    :raises CommandError: one line quoting the name (an excerpt), the
        nearest driver and the known ones
    """
    for name in names:
        if manifest.lookup(name) is None:
            raise CommandError(
                "--driver: '%s' is not a driver of the manifest%s "
                "(known: %s)" % (bounded.excerpt(name),
                                 nearest_driver(name, manifest.names()),
                                 ', '.join(manifest.names())))


def series_label(series):
    """A series by its name where it has one, else by its id."""
    return series.label if series is not None else None


def date_label(day):
    """A date as ``YYYY-MM-DD``, or ``None``."""
    return day.isoformat() if day is not None else None
