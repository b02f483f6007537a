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
"""Generated transport URLs with secrets in every place they can be.

Every secret is made of pieces ``Zq<digits>``, which look like host names
(so that no masking can tell them apart by their letters) and which no
message of the library or of the libraries below it holds: ``Zq`` in any
output is a leak.  Passwords and secret query values hold raw ``@``,
``,``, ``/``, ``%``, ``?`` and ``#`` (passwords a raw ``:`` too) between
their pieces; user names and other query values hold them too, and are no
secret.
"""

from urllib import parse

import hypothesis
from hypothesis import strategies as st

#: What every piece of a secret starts with.
MARK = 'Zq'

_PIECE = st.integers(0, 9999).map(lambda number: '%s%d' % (MARK, number))


def secrets(separators):
    """Secrets of pieces joined by any of ``separators``."""
    return st.lists(st.tuples(_PIECE, st.sampled_from(separators)),
                    min_size=0, max_size=3).flatmap(
        lambda parts: _PIECE.map(
            lambda last: ''.join(piece + separator
                                 for piece, separator in parts) + last))


#: A password: pieces joined by the characters that break naive masking.
PASSWORDS = secrets(['@', ',', '/', '%', '?', '#', ':', '.', '@@', ',h:'])
#: The value of a secret query parameter (no raw '&' or '=', which end
#: it as they end any value).
SECRET_VALUES = secrets(['@', ',', '/', '%', '?', '#', '.'])

USERS = st.sampled_from(['nova', 'guest', 'svc.user', 'us@er', 'a,b',
                         'u/x', 'u?x', 'u#x', 'u%40x', 'pc%x'])
HOSTS = st.sampled_from(['h', 'rabbit1', 'broker.example', '10.0.0.1',
                         '[::1]'])
PREFIXES = st.sampled_from(['rabbit://', 'amqp://', 'kombu+amqp://',
                            'mydriver://', 'fake://', '//', '',
                            'amqp:/'])
#: Query parameters whose value is no secret, some with raw characters.
PLAIN_QUERIES = st.sampled_from(['', 'ssl=1', 'ssl_ca_file=/etc/a@b,c',
                                 'region=x?y#z'])
SECRET_KEYS = st.sampled_from(['password', 'ssl_key_password',
                               'auth_token'])


@st.composite
def transport_urls(draw, prefixes=PREFIXES):
    """A transport URL holding passwords and a secret query value."""
    encode = draw(st.booleans())
    same_user = draw(st.booleans())
    first_user = draw(USERS)
    hosts = []
    for _ in range(draw(st.integers(1, 3))):
        user = first_user if same_user else draw(USERS)
        password = draw(PASSWORDS)
        if encode:
            password = parse.quote(password, safe='')
        port = draw(st.sampled_from(['', ':5672']))
        hosts.append('%s:%s@%s%s' % (user, password, draw(HOSTS), port))
    query = [item for item in (draw(PLAIN_QUERIES),) if item]
    if draw(st.booleans()):
        value = draw(SECRET_VALUES)
        query.insert(draw(st.integers(0, len(query))), '%s=%s' % (
            draw(SECRET_KEYS),
            parse.quote(value, safe='') if encode else value))
    virtual_host = draw(st.sampled_from(['', 'vhost', 'a/b']))
    fragment = draw(st.sampled_from(['', '#top']))
    return '%s%s/%s%s%s' % (draw(prefixes), ','.join(hosts), virtual_host,
                            '?' + '&'.join(query) if query else '',
                            fragment)


def leaks(text):
    """Whether ``text`` holds a piece of a secret."""
    return MARK in str(text)


#: Hypothesis settings of the sweeps: reproducible, no example database.
def settings(examples):
    return hypothesis.settings(
        max_examples=examples, deadline=None, derandomize=True,
        database=None,
        suppress_health_check=[
            hypothesis.HealthCheck.too_slow,
            hypothesis.HealthCheck.function_scoped_fixture])
