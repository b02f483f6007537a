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

The netloc is split into hosts at ``,``; a host's credentials run to its
last ``@``, and the password starts after the first ``:`` of the
credentials.  Every password is replaced by ``***``, and so is the value
of every query parameter whose name marks a secret (oslo.utils' list).

Nothing is searched for in text: a password equal to a word of a message
("supported") masks nothing but itself.  Where the text is ambiguous
because an operator did not percent-encode a password (a raw ``,``,
``/``, ``?`` or ``#`` in it), the mask covers every reading: the
credentials are taken to run to the last ``@`` before the path, and to
span the hosts before it that carry no ``@`` of their own.  Time is linear
in the length of the URL.
"""

import re
from urllib import parse

#: What stands in for a secret.
MASK = '***'

# Characters that cannot be in a user name or password the way
# oslo.messaging reads one (urllib ends the netloc there): credentials
# holding one are an unencoded password, masked as a whole.
_NETLOC_ENDS = '/?#'

# What may follow a host's last '@': a name, an address or [IPv6], and a
# port.  Anything else there belongs to a password with a raw ','.
_HOST_RE = re.compile(r'(?:\[[0-9A-Za-z:.%]*\]|[0-9A-Za-z._~%-]*)'
                      r'(?::[0-9]*)?\Z')
_LOOSE_HOST_RE = re.compile(r'[0-9A-Za-z._~%-]*(?::[0-9A-Za-z]*)?\Z')


def _split(text):
    """``(prefix, netloc, rest)`` of a URL string, or ``None``.

    The prefix is ``scheme://``, ``//`` or nothing.  The netloc ends at the
    first ``/``, ``?`` or ``#`` after its last ``@`` (a password may hold
    any of them), or, without ``@``, at the first of them.  ``None`` when
    there is no netloc to speak of (no ``//`` and no ``@``).
    """
    scheme, sep, rest = text.partition('://')
    if sep:
        prefix = scheme + sep
    elif text.startswith('//'):
        prefix, rest = '//', text[2:]
    elif '@' in text:
        prefix, rest = '', text
    else:
        return None
    at = rest.rfind('@')
    end = len(rest)
    for mark in _NETLOC_ENDS:
        position = rest.find(mark, at + 1)
        if position != -1:
            end = min(end, position)
    return prefix, rest[:end], rest[end:]


def _mask_credentials(credentials):
    """``user:***`` for ``user:password``; a bare user name as is."""
    user, colon, _ = credentials.partition(':')
    if any(mark in user for mark in _NETLOC_ENDS):
        return MASK
    if colon:
        return user + ':' + MASK
    if any(mark in credentials for mark in _NETLOC_ENDS):
        return MASK
    return credentials


def _closes(credentials, hostname, last):
    """Whether ``credentials@hostname`` ends a host (see _mask_netloc)."""
    if _HOST_RE.match(hostname):
        return True
    # The last host, after a password: a port mistyped ('h:port'), shown
    # so that the operator sees it.
    return last and ':' in credentials and bool(_LOOSE_HOST_RE.match(
        hostname))


def _mask_hostname(hostname):
    """What follows an unended host's last ``@``: its name at most."""
    name, colon, _ = hostname.partition(':')
    if colon and _HOST_RE.match(name):
        return name + ':' + MASK
    return MASK


def _mask_netloc(netloc):
    """The netloc with the password of every host masked.

    A host ends at a ``,`` that follows ``@host[:port]``.  Anything else
    before it, hosts without ``@`` included, may be the head of a password
    holding a raw ``,``, and is masked as the credentials of that host.
    At the end, what follows a last ``@`` that ends no host is masked but
    for a host name.
    """
    hosts = netloc.split(',')
    masked = []
    start = 0
    last = len(hosts) - 1
    for index, host in enumerate(hosts):
        credentials, at, hostname = host.rpartition('@')
        if not at or not _closes(credentials, hostname, index == last):
            continue
        run = ','.join(hosts[start:index])
        credentials = run + ',' + credentials if run else credentials
        masked.append(_mask_credentials(credentials) + '@' + hostname)
        start = index + 1
    if start <= last:
        rest = ','.join(hosts[start:])
        credentials, at, hostname = rest.rpartition('@')
        if at:
            rest = (_mask_credentials(credentials) + '@' +
                    _mask_hostname(hostname))
        masked.append(rest)
    return ','.join(masked)


def _is_secret(name):
    """Whether oslo.utils counts a parameter of this name as a secret."""
    from oslo_utils import strutils  # imported only when a URL is printed

    return strutils.mask_dict_password({name: '-'}, secret=MASK)[name] \
        == MASK


def _mask_query(query):
    """The query with the value of every secret parameter masked.

    A raw ``&`` in a secret value splits it: what follows without an
    ``=`` of its own is masked too.
    """
    pairs = []
    secret = False
    for item in query.split('&'):
        key, equals, value = item.partition('=')
        if equals:
            secret = _is_secret(parse.unquote_plus(key))
            if secret and value:
                value = MASK
        elif secret and key:
            key = MASK
        pairs.append(key + equals + value)
    return '&'.join(pairs)


def _mask_string(text):
    split = _split(text)
    if split is None:
        return text
    prefix, netloc, tail = split
    path, qmark, query = tail.partition('?')
    query, hashmark, fragment = query.partition('#')
    masked = prefix + _mask_netloc(netloc) + path
    if qmark:
        masked += '?' + _mask_query(query)
    if hashmark:
        # oslo.messaging ignores fragments; one may be a password's tail
        masked += '#' + (MASK if fragment else '')
    return masked


def _host_text(host):
    """One host of a ``TransportURL``, its password masked."""
    text = ''
    if host.username is not None or host.password is not None:
        if host.username is not None:
            text += parse.quote(str(host.username), '')
        if host.password is not None:
            text += ':' + MASK
        text += '@'
    hostname = str(host.hostname or '')
    if ':' in hostname:
        hostname = '[%s]' % hostname
    text += parse.quote(hostname, safe='[]:%.-_~')
    if host.port is not None:
        text += ':%s' % host.port
    return text


def _mask_parsed(url):
    """A ``TransportURL`` as oslo.messaging prints it, secrets masked."""
    text = '%s://%s/' % (url.transport,
                         ','.join(_host_text(host) for host in url.hosts))
    if url.virtual_host:
        text += parse.quote(str(url.virtual_host))
    query = getattr(url, 'query', None) or {}
    if query:
        text += '?' + _mask_query(parse.urlencode(query, doseq=True))
    return text


def mask_url(url):
    """A transport URL with every password in it replaced by ``***``.

    :param url: a URL string, an ``oslo_messaging.TransportURL`` or
        ``None``
    :returns: a string safe to print, or ``None`` for ``None``
    """
    if url is None:
        return None
    if isinstance(url, str):
        return _mask_string(url)
    if hasattr(url, 'hosts') and hasattr(url, 'transport'):
        try:
            return _mask_parsed(url)
        except (TypeError, ValueError, UnicodeError):
            return '%s://%s' % (getattr(url, 'transport', '') or '', MASK)
    return '<%s>' % type(url).__name__
