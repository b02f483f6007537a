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
"""Process-wide enforcement: :func:`enable` and :func:`disable`.

Every public transport factory of oslo.messaging
(``get_rpc_transport``, ``get_notification_transport`` and the deprecated
``get_transport``) builds its transport through one private function,
``oslo_messaging.transport._get_transport``.  :func:`enable` wraps that one
function, so transports created by any code in the process (a notifier
middleware, a library) go through the policy; :func:`disable` puts the
original back.  Nothing is patched at import time.
"""

import functools
import threading

from oslo_messaging import transport as _om_transport

from oslo_messaging_support import _configuration
from oslo_messaging_support import _loader
from oslo_messaging_support import _support_policy

_lock = threading.RLock()
_original = None
_policy_conf = None


def _guarded(original):
    @functools.wraps(original)
    def _get_transport(conf, url=None, allowed_remote_exmods=None,
                       transport_cls=_om_transport.RPCTransport):
        policy_conf = _policy_conf
        if policy_conf is not None and not _loader.is_already_checked():
            url = _loader.parse_url(conf, url)
            _loader.enforce(conf, url, _loader.usage_of(transport_cls),
                            policy_conf=policy_conf)
        return original(conf, url, allowed_remote_exmods,
                        transport_cls=transport_cls)
    _get_transport.__oslo_messaging_support__ = True
    return _get_transport


def enable(conf):
    """Apply the policy to every transport the process creates from now on.

    Registers the ``[oslo_messaging_support]`` options on ``conf`` and
    reads the operator's overlay at once, so that a broken overlay stops
    the service at start-up rather than at its first transport.
    Idempotent: calling it again only switches to the new ``conf``.
    Thread-safe.

    :param conf: the service's configuration; its
        ``[oslo_messaging_support]`` options decide for every transport
    :type conf: oslo_config.cfg.ConfigOpts
    :raises ManifestError: the overlay file is unreadable or invalid
    """
    global _original, _policy_conf
    configured = _configuration.read_configuration(conf)
    _support_policy.POLICY.manifest(configured.overlay)
    with _lock:
        _policy_conf = conf
        if _original is None:
            _original = _om_transport._get_transport
            _om_transport._get_transport = _guarded(_original)


def disable():
    """Undo :func:`enable`.  Idempotent and thread-safe."""
    global _original, _policy_conf
    with _lock:
        if _original is None:
            return
        current = _om_transport._get_transport
        if getattr(current, '__oslo_messaging_support__', False):
            _om_transport._get_transport = _original
        _original = None
        _policy_conf = None


def is_enabled():
    """Whether :func:`enable` is in force."""
    return _original is not None
