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
"""Transport URLs with their secrets masked, for every output channel.

Masking follows the structure oslo.messaging gives a transport URL
(``TransportURL.parse``)::

    driver://[user[:password]@]host[:port][,...]/virtual_host?query

Every password is replaced by ``***``, and so is the value of every query
parameter whose name marks a secret (oslo.utils' list).  Nothing is
searched for in text: a password equal to a word of a message
("supported") masks nothing but itself.

A string is masked under every reading an operator may have meant, and a
character is shown only when no reading makes it part of a secret:

* the reading of urllib, which oslo.messaging uses: the netloc ends at the
  first ``/``, ``?`` or ``#``;
* for each ``@`` after that point, the reading of a password that holds a
  raw ``/``, ``?`` or ``#``: the netloc runs to the first of them after
  that ``@`` (an ``@`` in a query value is such a reading too, and its
  value is masked by the first one).

Within a netloc the hosts are split at ``,``.  A new host starts only at
a ``,`` followed by the first host's user name and ``:``; any other
``,`` belongs to a password (``nova:Pa@ss,w0rd@rabbit1`` has one host).
A host's credentials run to its last ``@``, and the password starts after
the first ``:`` of the credentials.  A user name holding a raw ``/``,
``?`` or ``#`` is masked with its password; what follows the last ``@``
is shown only when it is a host name or address with a numeric port (or,
for the last host, a mistyped port).  A fragment, which oslo.messaging
ignores, is masked unless it holds an ``@`` (the reading of the
credentials covers it then) but always after a secret query value, whose
tail it may be.

One ambiguity is left: a password holding a raw ``,`` followed by the
user name and ``:`` reads as two hosts.  Time is linear in the length of
the URL (a URL with more than :data:`_MAX_READINGS` ``@`` after its
netloc is masked whole).

Of a parsed ``TransportURL`` only the driver is shown: its fields may be
pieces of a password oslo.messaging mis-split (see :func:`_mask_parsed`).
"""

import re
from urllib import parse

#: What stands in for a secret.
MASK = '***'

# Characters that end urllib's netloc.
_NETLOC_ENDS = '/?#'

# Beyond this many '@' after the netloc, the URL is masked whole.
_MAX_READINGS = 16

# What may follow a host's last '@': a name, an address or [IPv6], and a
# port.  Anything else there belongs to a password with a raw ','.
_HOST_RE = re.compile(r'(?:\[[0-9A-Za-z:.%]*\]|[0-9A-Za-z._~%-]*)'
                      r'(?::[0-9]*)?\Z')
_LOOSE_HOST_RE = re.compile(r'[0-9A-Za-z._~%-]*(?::[0-9A-Za-z]*)?\Z')
# An URL scheme, as urllib reads one.
_SCHEME_RE = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*\Z')
# What comes before a netloc: 'scheme://', '//', '://' or 'scheme:/'.
_PREFIX_RE = re.compile(r'(?:[^:/?#@]*:)?//|[A-Za-z][A-Za-z0-9+.-]*:/')


def _find_end(text, start):
    """The index of the first ``/``, ``?`` or ``#`` from ``start``."""
    end = len(text)
    for mark in _NETLOC_ENDS:
        position = text.find(mark, start, end)
        if position != -1:
            end = position
    return end


def _segments(text, start, end):
    """``(start, end)`` of each ``,``-separated part of text[start:end]."""
    while True:
        comma = text.find(',', start, end)
        if comma == -1:
            yield start, end
            return
        yield start, comma
        start = comma + 1


def _runs(text, start, end):
    """``(start, end)`` of each host of the netloc text[start:end].

    A host starts at the netloc's start and after a ``,`` followed by the
    first host's ``user:``.
    """
    colon = text.find(':', start, end)
    user_end = colon if colon != -1 else None
    if user_end is not None and ',' in text[start:user_end]:
        user_end = None
    head = text[start:user_end + 1] if user_end is not None else None
    run_start = start
    for segment_start, _ in _segments(text, start, end):
        if segment_start != start and head and \
                text.startswith(head, segment_start):
            yield run_start, segment_start - 1
            run_start = segment_start
    yield run_start, end


def _hosts_spans(text, start, end, last):
    """Spans to mask among the hosts text[start:end] after an ``@``."""
    spans = []
    parts = list(_segments(text, start, end))
    for part_start, part_end in parts:
        host = text[part_start:part_end]
        if _HOST_RE.match(host):
            continue
        if last and len(parts) == 1 and _LOOSE_HOST_RE.match(host):
            continue  # a mistyped port ('h:port'): the operator sees it
        name, colon, _ = host.partition(':')
        if colon and _HOST_RE.match(name):
            spans.append((part_start + len(name) + 1, part_end))
        else:
            spans.append((part_start, part_end))
    return spans


def _netloc_spans(text, start, end):
    """Spans of text[start:end], a netloc, that may hold a secret."""
    spans = []
    if text.find('@', start, end) == -1:
        return spans
    for run_start, run_end in _runs(text, start, end):
        at = text.rfind('@', run_start, run_end)
        if at == -1:
            continue
        colon = text.find(':', run_start, at)
        user_end = colon if colon != -1 else at
        if any(mark in text[run_start:user_end] for mark in _NETLOC_ENDS):
            spans.append((run_start, at))
        elif colon != -1 and colon + 1 < at:
            spans.append((colon + 1, at))
        spans += _hosts_spans(text, at + 1, run_end,
                              last=run_end == end and colon != -1)
    return spans


def is_secret_name(name):
    """Whether oslo.utils counts a parameter of this name as a secret.

    oslo.utils is imported on the first call, when a URL is printed.
    """
    from oslo_utils import strutils  # imported only when a URL is printed

    return strutils.mask_dict_password({name: '-'}, secret=MASK)[name] \
        == MASK


def _query_spans(text, start, end):
    """Spans of the secret values among the query items text[start:end].

    A raw ``&`` in a secret value splits it: what follows without an
    ``=`` of its own is masked too.

    :returns: ``(spans, whether the last item is secret)``
    """
    spans = []
    secret = False
    item_start = start
    while item_start <= end:
        item_end = text.find('&', item_start, end)
        if item_end == -1:
            item_end = end
        equals = text.find('=', item_start, item_end)
        if equals != -1:
            secret = is_secret_name(parse.unquote_plus(
                text[item_start:equals]))
            if secret and equals + 1 < item_end:
                spans.append((equals + 1, item_end))
        elif secret and item_start < item_end:
            spans.append((item_start, item_end))
        item_start = item_end + 1
    return spans, secret


def _tail_spans(text, start):
    """Spans of what follows a netloc ending at ``start`` to mask.

    The value of every secret query parameter, read with the query ending
    at the fragment and, for a raw ``#`` in a value, at the end; and the
    fragment, unless an ``@`` in it makes it credentials (see the module).
    """
    spans = []
    end = len(text)
    hashmark = text.find('#', start)
    qmark = text.find('?', start, hashmark if hashmark != -1 else end)
    secret = False
    if qmark != -1:
        spans, secret = _query_spans(
            text, qmark + 1, hashmark if hashmark != -1 else end)
    if hashmark != -1:
        raw_qmark = text.find('?', start)
        if raw_qmark != -1:
            for span_start, span_end in _query_spans(
                    text, raw_qmark + 1, end)[0]:
                # the '#' itself is shown, as the fragment's start
                if span_start <= hashmark < span_end:
                    spans += [(span_start, hashmark),
                              (hashmark + 1, span_end)]
                else:
                    spans.append((span_start, span_end))
        if hashmark + 1 < end and (secret or
                                   text.find('@', hashmark) == -1):
            spans.append((hashmark + 1, end))
    return spans


def _reading_spans(text, start, netloc_from):
    """The spans to mask in one reading of ``text``.

    The netloc starts at ``start`` and ends at the first ``/``, ``?`` or
    ``#`` from ``netloc_from``.
    """
    end = _find_end(text, netloc_from)
    return _netloc_spans(text, start, end) + _tail_spans(text, end)


def _render(text, spans):
    """``text`` with each (merged) span replaced by :data:`MASK`."""
    pieces = []
    shown = 0
    for span_start, span_end in sorted(spans):
        if span_end <= shown:
            continue
        if span_start > shown:
            pieces.append(text[shown:span_start])
            pieces.append(MASK)
        elif not pieces or pieces[-1] != MASK:
            pieces.append(MASK)
        shown = span_end
    pieces.append(text[shown:])
    return ''.join(pieces)


def _mask_string(text):
    prefix = _PREFIX_RE.match(text)
    if prefix is not None:
        start = prefix.end()
    elif '@' in text:
        start = 0
    else:
        return text
    ats = []
    at = text.find('@', _find_end(text, start))
    while at != -1 and len(ats) <= _MAX_READINGS:
        ats.append(at)
        at = text.find('@', at + 1)
    if len(ats) > _MAX_READINGS:
        return _render(text, [(start, len(text))])
    spans = _reading_spans(text, start, start)
    for at in ats:
        spans += _reading_spans(text, start, at + 1)
    return _render(text, spans)


def _mask_parsed(url):
    """A ``TransportURL``: its driver, and the rest masked whole.

    Its fields may hold pieces of a password that oslo.messaging split at
    a raw ``,``, ``/``, ``?`` or ``#`` (``amqp://nova:1234,5678@rabbit1/``
    gives a host ``nova`` with port 1234 and a user ``5678``), and nothing
    in them tells, since what urllib dropped (a fragment, a query item
    without ``=``) is gone: no field is printed.
    """
    transport = url.transport
    if not isinstance(transport, str) or not _SCHEME_RE.match(transport):
        transport = ''
    return '%s://%s' % (transport, MASK)


def mask_url(url):
    """A transport URL with every password in it replaced by ``***``.

    :param url: a URL string, an ``oslo_messaging.TransportURL`` or
        ``None``
    :returns: a string safe to print (of a ``TransportURL``, its driver
        alone: see :func:`_mask_parsed`), or ``None`` for ``None``
    """
    if url is None:
        return None
    if isinstance(url, str):
        return _mask_string(url)
    if hasattr(url, 'hosts') and hasattr(url, 'transport'):
        return _mask_parsed(url)
    return '<%s>' % type(url).__name__


def has_other_readings(url):
    """Whether oslo.messaging's reading of ``url`` may not be the one meant.

    ``True`` for a string with an ``@`` after the end of urllib's netloc
    (a password with a raw ``/``, ``?`` or ``#`` reads as a path or a
    query, whose keys a driver's error quotes) and for a ``TransportURL``,
    whose fields cannot tell; ``False`` for ``None``.
    """
    if url is None:
        return False
    if not isinstance(url, str):
        return True
    prefix = _PREFIX_RE.match(url)
    start = prefix.end() if prefix is not None else 0
    return url.find('@', _find_end(url, start)) != -1
