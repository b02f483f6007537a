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
"""Transport URLs: parsed once as oslo.messaging parses them, and the errors
of one that does not parse, with its passwords masked.
"""

from oslo_messaging import transport as _om_transport

from oslo_messaging_support import exception


class TransportURLError(exception.SupportPolicyError):
    """A transport URL that cannot be used: empty, or it does not parse.

    The message is one line; it names the option and masks the URL.
    """


#: urllib's errors whose text never quotes the URL.
_FIXED_ERRORS = frozenset(['Invalid IPv6 URL', 'Port out of range 0-65535'])


def masked(url):
    """``url`` with its passwords masked (the masking loads on demand).

    :param url: a string, a ``TransportURL`` or ``None``
    """
    from oslo_messaging_support.service import masking
    return masking.mask_url(url)


class InvalidTransportURL(TransportURLError,
                          _om_transport.InvalidTransportURL):
    """A transport URL that oslo.messaging cannot parse.

    Both a :class:`~oslo_messaging_support.SupportPolicyError` (a
    ``ValueError``) and an ``oslo_messaging.InvalidTransportURL``, so that
    code catching what oslo.messaging raises keeps working.  The message is
    one line, names where the URL comes from and shows it masked; neither
    it nor :attr:`url` holds a password.

    :ivar url: the masked URL
    """

    def __init__(self, where, url, error):
        self.url = masked(url)
        text = str(error)
        if isinstance(error, _om_transport.InvalidTransportURL) or \
                text in _FIXED_ERRORS:
            # oslo.messaging's and urllib's fixed sentences hold no URL
            problem = text
        else:
            # its other errors may quote a password: say what it was only
            problem = ("%s: a port that is not a number, a malformed IPv6 "
                       "address, or a ',', '/', '?' or '#' in a user name "
                       "or password that is not percent-encoded"
                       % type(error).__name__)
        ValueError.__init__(self, "%s: oslo.messaging cannot parse the "
                                  "transport URL '%s' (%s)"
                            % (where, exception.escape(self.url or ''),
                               exception.escape(problem)))

    def __str__(self):
        return self.args[0]


def _may_name_hosts(conf, url):
    """Whether oslo.messaging's parser may log the URL's host names.

    It warns when some hosts have credentials and others do not, which
    takes a ``,`` and an ``@`` in the URL.
    """
    if not url:
        try:
            conf.register_opts(_om_transport._transport_opts)
            url = conf.transport_url
        except Exception:  # the parser raises its own error
            return True
    return not isinstance(url, str) or (',' in url and '@' in url)


def parse_url(conf, url, where='transport URL'):
    """Parse a transport URL once, as oslo.messaging does.

    :param conf: the ``ConfigOpts`` the transport is created with
    :param url: a string, a ``TransportURL`` or ``None`` (then
        ``[DEFAULT] transport_url``)
    :param where: what the URL is, for the error message: the option it
        comes from or ``--url``
    :returns: an ``oslo_messaging.TransportURL``
    :raises InvalidTransportURL: it does not parse
    """
    if isinstance(url, _om_transport.TransportURL):
        return _frozen(url, where)
    try:
        if _may_name_hosts(conf, url):
            # oslo.messaging's warning about hosts with and without
            # credentials names pieces of a password split at a raw ','
            from oslo_messaging_support.service import relayed
            with relayed.masked_records(relayed.OSLO_MESSAGING_TRANSPORT):
                return _om_transport.TransportURL.parse(conf, url)
        return _om_transport.TransportURL.parse(conf, url)
    except (_om_transport.InvalidTransportURL, ValueError) as error:
        failure = InvalidTransportURL(where, url or conf.transport_url,
                                      error)
    # raised outside the handler: oslo.messaging's error, whose text may
    # be a piece of the password, is not kept as the __context__
    raise failure from None


def _frozen(url, where):
    """A caller's ``TransportURL``, copied with each field read once.

    The caller keeps a reference to its object, and a subclass may compute
    ``transport``: the scheme read for the decision could differ from the
    one oslo.messaging reads when it loads the driver.  The copy is a
    plain ``TransportURL`` whose scheme is a plain ``str``, read once, so
    that the driver that loads is the driver that was checked.

    :raises InvalidTransportURL: the scheme is not a string
    """
    scheme = url.transport
    if scheme is not None:
        try:
            # a plain str, whatever str subclass (and split()) it was
            scheme = str.__str__(scheme)
        except TypeError:
            raise InvalidTransportURL(
                where, None, _om_transport.InvalidTransportURL(
                    None, 'its scheme is a %s, not a string'
                    % type(scheme).__name__)) from None
    return _om_transport.TransportURL(
        url.conf, transport=scheme, virtual_host=url.virtual_host,
        hosts=list(url.hosts or ()), query=dict(url.query or {}))


def driver_name(url):
    """The driver an oslo.messaging ``TransportURL`` loads.

    As oslo.messaging does, the scheme is cut at the first ``+``:
    ``kombu+amqp://`` loads ``kombu``.
    """
    return url.transport.split('+')[0]
