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
"""What other libraries say, relayed with its secrets masked.

The command line and the upgrade check relay text they did not write:
oslo.config's errors about a configuration file, and the log records of
oslo.messaging, oslo.config and any other library.  That text may quote a
line of a file, an option's value or the hosts of a transport URL; it is
masked here by its structure, never by looking for a password:

* an error parsing a file names the line number and what is wrong, never
  the line (:func:`exception_text`);
* an invalid value names the option and where it was set, never the
  value;
* oslo.messaging's warning about hosts with and without credentials keeps
  the number of hosts, not their names (a password with a raw ``,`` or
  ``@`` turns pieces of it into host names);
* in any other text, each line is cut at its first URL-shaped fragment
  (``scheme:/``, ``//``), after the separator of a ``key = value``,
  ``key: value`` or ``key=value`` whose key bears a secret
  (``transport_url``, names oslo.utils counts as secrets), and the rest of
  the line is ``***``; a line with any other ``@`` is ``***`` whole
  (:func:`mask_text`).

The library's own messages mask their URLs already (:mod:`.masking`) and
are left as they are.  Nothing here is imported on a service's start-up
path.
"""

import collections.abc
import contextlib
import logging
import re

from oslo_messaging_support.service import masking

#: What stands in for a secret.
MASK = masking.MASK

#: The logger of ``oslo_messaging.transport``, which names a URL's hosts.
OSLO_MESSAGING_TRANSPORT = 'oslo_messaging.transport'

# Loggers whose records are the library's own (masked where they are
# written).
_OWN_LOGGERS = ('oslo_messaging_support', 'oslo.messaging_support')

# The start of a URL-shaped fragment: 'scheme:/' or '//'.
_URL_RE = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*://?|//')
# A key and its separator: 'key = ', 'key: ', 'key=' ('"key": ' in a repr).
_KEY_RE = re.compile(r'(?<![\w.-])[\'"]?([A-Za-z_][\w.-]*)[\'"]?'
                     r'\s*(?:=|:(?!/))\s*')
# oslo.config's sentence for a value that does not fit its option's type.
_NOT_VALID = ' is not valid'

# What stands for a record that cannot be formatted or masked.
_UNFORMATTED = 'a log message that could not be formatted'

#: Option names that hold a transport URL, whatever oslo.utils says.
_URL_OPTIONS = ('transport_url',)


def _bears_secret(key):
    """Whether an option or parameter of this name may hold a secret."""
    name = key.lower()
    return name.endswith(_URL_OPTIONS) or masking.is_secret_name(name)


def _mask_line(line):
    """One line, cut where a secret may start (see the module)."""
    cut = None
    url = _URL_RE.search(line)
    if url is not None:
        cut = url.end()
    for key in _KEY_RE.finditer(line, 0, len(line) if cut is None else cut):
        if _bears_secret(key.group(1)):
            cut = key.end()
            break
    kept = line if cut is None else line[:cut]
    if '@' in kept:
        return MASK
    return kept + MASK if cut is not None and cut < len(line) else line


def mask_text(text):
    """``text`` with every line that may quote a secret masked.

    :param text: what another library wrote
    :returns: the text, each line cut at the first URL-shaped fragment or
        after the separator of a secret-bearing ``key = value``, a line
        with another ``@`` masked whole
    """
    return '\n'.join(_mask_line(line) for line in str(text).split('\n'))


def _parse_error_text(error):
    """``ConfigFileParseError``: the file, the line number and the reason.

    oslo.config raises it while handling the parser's ``ParseError``,
    which holds the line number and a fixed sentence apart from the line.
    """
    from oslo_config import iniparser

    cause = error.__context__
    if isinstance(cause, iniparser.ParseError) and \
            isinstance(cause.lineno, int) and isinstance(cause.msg, str):
        return 'line %d: %s (the line is not shown)' % (
            cause.lineno, cause.msg)
    return 'the file does not parse (the line is not shown)'


def config_error_text(error):
    """One line for an error of oslo.config, without what it quotes.

    :param error: an ``oslo_config.cfg.Error``
    :returns: for a file that does not parse, the line number and the
        reason; for an invalid value, the sentence up to "is not valid";
        for any other error, its text masked by :func:`mask_text`
    """
    from oslo_config import cfg

    if isinstance(error, cfg.ConfigFileParseError):
        return '%s: %s' % (error.config_file, _parse_error_text(error))
    text = str(error)
    if isinstance(error, ValueError):
        head, found, _ = text.partition(_NOT_VALID)
        if found:
            return mask_text(head) + _NOT_VALID + ' (the value is not shown)'
        return '%s (its text is not shown)' % type(error).__name__
    return mask_text(text)


def exception_text(error):
    """What to print of an exception that an input error raised.

    oslo.config's errors are masked (:func:`config_error_text`); the
    library's own errors mask their URLs where they are raised.
    """
    from oslo_config import cfg

    if isinstance(error, cfg.Error):
        return config_error_text(error)
    return str(error)


def _mask_hosts(value):
    if isinstance(value, (list, tuple, set, frozenset)):
        return [MASK] * len(value)
    return MASK


def mask_record(record):
    """Mask a log record of another library in place.

    Records of the library's own loggers are left alone.  The host names
    of a record of oslo.messaging (the arguments whose names say
    ``host``) are masked; then the message, the traceback and the stack
    are masked by :func:`mask_text` and fixed into the record.

    :param record: a :class:`logging.LogRecord`
    """
    name = record.name or ''
    if any(name == own or name.startswith(own + '.')
           for own in _OWN_LOGGERS):
        return
    args = record.args
    if name.startswith('oslo_messaging') and \
            isinstance(args, collections.abc.Mapping):
        record.args = {key: _mask_hosts(value)
                       if isinstance(key, str) and 'host' in key else value
                       for key, value in args.items()}
    try:
        message = record.getMessage()
    except Exception:
        # logging would print the arguments with its error
        message = None
    masked = mask_text(message) if message is not None else _UNFORMATTED
    if masked != message:
        record.msg, record.args = masked, None
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(
            record.exc_info)
    if record.exc_text:
        record.exc_text = mask_text(record.exc_text)
    if record.stack_info:
        record.stack_info = mask_text(record.stack_info)


class RecordFilter(logging.Filter):
    """A logging filter that masks the records of other libraries.

    Added to the handlers the command line writes to (see
    :func:`mask_record`); it lets every record through.
    """

    def filter(self, record):
        try:
            mask_record(record)
        except Exception:
            # a filter that raises stops the logging call: say nothing
            record.msg, record.args = _UNFORMATTED, None
            record.exc_info = record.exc_text = record.stack_info = None
        return True


@contextlib.contextmanager
def masked_records(name=OSLO_MESSAGING_TRANSPORT):
    """Mask the records logged on one logger for the duration of a block.

    For a call into another library (oslo.messaging's URL parser) whose
    log records may quote a secret.  The filter is this block's own, so
    that concurrent blocks do not remove each other's.

    :param name: the logger's name
    """
    logger = logging.getLogger(name)
    record_filter = RecordFilter()
    logger.addFilter(record_filter)
    try:
        yield
    finally:
        logger.removeFilter(record_filter)
