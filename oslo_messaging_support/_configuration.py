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
"""The ``[oslo_messaging_support]`` options of a service's configuration."""

import dataclasses

from oslo_config import cfg

from oslo_messaging_support import _policy
from oslo_messaging_support import opts


@dataclasses.dataclass(frozen=True)
class ConfiguredPolicy:
    """What an operator's configuration says about the policy.

    :ivar settings: the :class:`~oslo_messaging_support.Settings`
    :ivar overlay: the overlay file's path, or ``None``
    :ivar release: the evaluation release set in the configuration, or
        ``None``
    """

    settings: _policy.Settings
    overlay: object = None
    release: object = None


def policy_group(conf):
    """The ``[oslo_messaging_support]`` group of ``conf``.

    Registers the options only when they are missing: registering clears
    oslo.config's value cache, which a service pays for on every read.
    """
    try:
        group = conf[opts.GROUP]
        group.strict_mode
        group.evaluation_release
    except (cfg.NoSuchOptError, cfg.NoSuchGroupError):
        opts.register_opts(conf)
        group = conf[opts.GROUP]
    return group


def read_settings(group):
    """The operator's :class:`~oslo_messaging_support.Settings`."""
    return _policy.Settings(
        allow_unsupported=bool(group.allow_unsupported_drivers),
        allowed_drivers=frozenset(group.allowed_drivers or ()),
        strict=bool(group.strict_mode))


def read_configuration(conf):
    """Read ``[oslo_messaging_support]`` from a service's ``ConfigOpts``.

    Registers the options on ``conf`` first if need be.

    :returns: a :class:`ConfiguredPolicy`
    """
    group = policy_group(conf)
    return ConfiguredPolicy(settings=read_settings(group),
                            overlay=group.manifest_overlay or None,
                            release=group.evaluation_release or None)
