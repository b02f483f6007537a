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
"""The cliff application behind ``oslo-messaging-support``.

Kept apart from :mod:`.main` so that importing the console script's module
imports none of oslo.messaging, eventlet and oslo.config: :func:`.main`
imports this module once its warning filters are in place.
"""

import logging

from cliff import app
from cliff import commandmanager
from cliff import help as cliff_help

import oslo_messaging_support
from oslo_messaging_support.cmd import _common
from oslo_messaging_support.readers import bounded
from oslo_messaging_support.service import relayed


class HelpCommand(_common.ErrorsInOneLine, cliff_help.HelpCommand):
    """Print detailed help for another command."""

    def take_action(self, parsed_args):
        try:
            return super().take_action(parsed_args)
        except ValueError:
            raise _common.CommandError(
                "unknown command '%s' (see '%s --help')"
                % (bounded.excerpt(' '.join(parsed_args.cmd)),
                   self.app.NAME)) from None


class SupportApp(app.App):
    """Operator tools for the supported messaging drivers policy."""

    #: The description in ``--help``.
    DESCRIPTION = 'The supported messaging drivers policy: operator tools.'

    #: The name in messages, however the command was started.
    NAME = _common.PROG

    def __init__(self):
        super().__init__(
            description=self.DESCRIPTION,
            version=oslo_messaging_support.__version__,
            command_manager=commandmanager.CommandManager(
                'oslo_messaging_support.commands'),
            deferred_help=True)
        self.command_manager.add_command('help', HelpCommand)
        self._logging_undo = None

    def build_option_parser(self, description, version, argparse_kwargs=None):
        parser = super().build_option_parser(description, version,
                                             argparse_kwargs)
        return _common.one_line_usage_errors(parser, self.stderr)

    def _fail(self, message):
        """Report an error of the application itself and stop, status 255.

        Raised as :class:`SystemExit`: cliff's :meth:`run` would turn any
        other exception into its log line and status 1, which means
        "warning".
        """
        self.stderr.write(_common.error_line(self.NAME, message))
        raise _common.UsageError()

    def configure_logging(self):
        try:
            self._configure_logging()
        except Exception as exc:
            self._restore_logging()
            self._fail(_common.unexpected_error(exc)
                       if not isinstance(exc, OSError) else
                       '--log-file %s: %s' % (self.options.log_file,
                                              exc.strerror or exc))

    def initialize_app(self, argv):
        try:
            return super().initialize_app(argv)
        except Exception as exc:
            self._fail(_common.unexpected_error(exc))

    def _configure_logging(self):
        """Send log records to standard error while a command runs.

        cliff adds a handler to the root logger and sets its level on every
        run; a process that calls :func:`main` more than once (a test, a
        service's own tooling) would collect one handler per call.  What
        was added is taken away again by :meth:`run`.
        """
        root = logging.getLogger()
        handlers = list(root.handlers)
        level = root.level
        # Undone even when cliff fails half-way (an unwritable log file).
        self._logging_undo = ([], level)
        super().configure_logging()
        added = [item for item in root.handlers if item not in handlers]
        self._logging_undo = (added, level)
        self._configured_logging(added, level)

    def _configured_logging(self, added, level):
        root = logging.getLogger()
        # what other libraries log may quote a secret (oslo.messaging's
        # warning names a URL's hosts): masked before it is written
        for handler in added:
            handler.addFilter(relayed.RecordFilter())
        # cliff's default verbosity (1) shows INFO records, such as
        # oslo.service's "Loading backend: eventlet": without -v an
        # operator sees warnings and errors only.
        if self.options.verbose_level <= 1:
            for handler in added:
                if getattr(handler, 'stream', None) is self.stderr:
                    handler.setLevel(max(handler.level, logging.WARNING))
        # cliff opens the root logger to DEBUG, which would hand every
        # library's debug records to the handlers of a process embedding
        # the command: open it no further than the console asks (-v).
        wanted = min([item.level for item in added] or [logging.WARNING])
        effective = level or logging.WARNING
        root.setLevel(min(effective, wanted))

    def _restore_logging(self):
        if self._logging_undo is None:
            return
        added, level = self._logging_undo
        self._logging_undo = None
        root = logging.getLogger()
        for handler in added:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)

    def run(self, argv):
        try:
            return super().run(argv)
        finally:
            self._restore_logging()

    def run_subcommand(self, argv):
        try:
            self.command_manager.find_command(argv)
        except ValueError:
            # cliff's own fuzzy matching, in the one line.
            matches = self.get_fuzzy_matches(argv[0]) if argv else []
            hint = ('; did you mean %s?' % ' or '.join(
                "'%s'" % name for name in matches) if matches else '')
            self.stderr.write(_common.error_line(
                self.NAME, "unknown command '%s' (see '%s --help')%s"
                % (bounded.excerpt(' '.join(argv)), self.NAME, hint)))
            return _common.EXIT_BAD_INPUT
        return super().run_subcommand(argv)
