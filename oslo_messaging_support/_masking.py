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
"""Transport URLs with their secrets masked, for every output channel."""

import re
from urllib import parse

from oslo_utils import strutils

#: What stands in for a secret.
MASK = '***'

# user:password@ inside one comma-separated host of a netloc; the password
# runs to the last '@' of the host, as oslo.messaging parses it.
_CREDENTIALS_RE = re.compile(r'^(?P<user>[^:@]*):(?P<password>.*)@(?P<host>'
                             r'[^@]*)$', re.DOTALL)


def _mask_netloc(netloc):
    hosts = []
    for host in netloc.split(','):
        match = _CREDENTIALS_RE.match(host)
        if match:
            host = '%s:%s@%s' % (match.group('user'), MASK,
                                 match.group('host'))
        hosts.append(host)
    return ','.join(hosts)


def _mask_query(query):
    if not query:
        return query
    pairs = parse.parse_qsl(query, keep_blank_values=True)
    masked = strutils.mask_dict_password(
        {str(i): {key: value} for i, (key, value) in enumerate(pairs)},
        secret=MASK)
    items = [next(iter(masked[str(i)].items())) for i in range(len(pairs))]
    return parse.urlencode(items, safe='*,:/')


def _split(text):
    """``(prefix, netloc, rest)``; netloc is ``None`` when there is none.

    The prefix is ``scheme://``, ``//`` or nothing.

    The netloc ends at the first '/', '?' or '#' after its last '@' (a
    password may hold any of them), or, without '@', at the first of them.
    """
    scheme, sep, rest = text.partition('://')
    if not sep:
        if '@' not in text:
            return text, None, ''
        # No scheme ('//user:pw@host/' or 'user:pw@host'): oslo.messaging
        # refuses it, but the message must not leak its password either.
        if text.startswith('//'):
            return _split_rest('//', text[2:])
        return _split_rest('', text)
    return _split_rest(scheme + '://', rest)


def _split_rest(prefix, rest):
    """Split what follows the prefix into netloc and the rest."""
    at = rest.rfind('@')
    end = len(rest)
    for mark in '/?#':
        position = rest.find(mark, at + 1 if at >= 0 else 0)
        if position != -1:
            end = min(end, position)
    return prefix, rest[:end], rest[end:]


def mask_url(url):
    """A transport URL with every password in it replaced by ``***``.

    Handles several hosts, passwords with ``:``, ``@``, ``/``, ``?``, ``#``
    and percent-encoded characters, and secrets in the query string
    (``?ssl_key_password=...``), using oslo.utils' list of secret keys.
    A value that is not a string (a ``TransportURL``) is converted first;
    anything that does not parse is masked as a whole after its scheme.

    :param url: a URL string, a ``TransportURL`` or ``None``
    :returns: a string safe to log, or ``None`` for ``None``
    """
    if url is None:
        return None
    if isinstance(url, str):
        text = url
    else:
        try:
            text = str(url)
        except (ValueError, TypeError, UnicodeError):
            # oslo.messaging cannot print it either (a NUL byte in a
            # host): say which scheme, show nothing else.
            return '%s://%s' % (getattr(url, 'transport', '') or '', MASK)
    prefix, netloc, tail = _split(text)
    if netloc is None:
        return strutils.mask_password(text, secret=MASK)
    path, qmark, query = tail.partition('?')
    query, hashmark, fragment = query.partition('#')
    masked = '%s%s%s' % (prefix, _mask_netloc(netloc), path)
    if qmark:
        masked += '?' + _mask_query(query)
    if hashmark:
        masked += '#' + fragment
    return masked


def mask_text(text, urls):
    """``text`` with each of ``urls`` and each of their passwords masked.

    For messages built by other code (an oslo.messaging exception) that may
    quote a URL or a password verbatim.
    """
    if text is None:
        return text
    for url in urls:
        if not url:
            continue
        raw = url if isinstance(url, str) else str(url)
        text = text.replace(raw, mask_url(raw))
        for password in passwords_in(raw):
            text = mask_secret(text, password)
    return text


def mask_secret(text, secret):
    """``text`` with each standalone occurrence of ``secret`` masked.

    Only occurrences not inside a longer word count, so that a short
    password ('p') neither garbles the message ('***arse') nor gives
    itself away by where the masks fall.
    """
    if not secret:
        return text
    pattern = r'(?<![A-Za-z0-9])%s(?![A-Za-z0-9])' % re.escape(secret)
    return re.sub(pattern, MASK, text)


def passwords_in(url):
    """The passwords of a URL, raw and percent-decoded."""
    netloc = _split(url)[1] or ''
    found = []
    for host in netloc.split(','):
        match = _CREDENTIALS_RE.match(host)
        if match and match.group('password'):
            found.append(match.group('password'))
            found.append(parse.unquote(match.group('password')))
    return found
