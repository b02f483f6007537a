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
"""Configuration options of the ``[oslo_messaging_support]`` group."""


from oslo_config import cfg

GROUP = 'oslo_messaging_support'

# Every option is mutable: mutate_config_files() (a service's SIGHUP)
# forgets what was read, the options are checked and announced again, and
# transports created from then on are decided under the new values.
# Transports that exist keep their driver: oslo.messaging cannot swap it,
# so a driver the new values refuse stays loaded until a restart.
_MUTABLE_NOTE = (' Mutable: it applies to transports created after '
                 'mutate_config_files(); those that exist keep their '
                 'driver until the service restarts.')

_options = [
    cfg.BoolOpt(
        'allow_unsupported_drivers',
        mutable=True,
        default=False,
        help='Load transport drivers that the support policy calls '
             'unsupported (private or third-party drivers, or drivers whose '
             'entry point is not the genuine one), with a warning, instead '
             'of refusing them. Removed drivers are refused whatever this '
             'says. Prefer allowed_drivers, which opens the door to one '
             'driver only.' +
             _MUTABLE_NOTE),
    cfg.ListOpt(
        'allowed_drivers',
        mutable=True,
        default=[],
        help='Names of transport drivers (as in the transport URL scheme, '
             'for example "mydriver") to load whatever their support tier, '
             'with a warning, except removed drivers. Also exempts the '
             'named prospective and deprecated drivers from strict_mode.' +
             _MUTABLE_NOTE),
    cfg.BoolOpt(
        'strict_mode',
        mutable=True,
        default=False,
        help='Refuse prospective and deprecated transport drivers too, '
             'and test-only ones (fake, which drops every message in a '
             'deployment), unless named in allowed_drivers: for '
             'distributions and CI jobs that want supported drivers only.' +
             _MUTABLE_NOTE),
    cfg.StrOpt(
        'manifest_overlay',
        mutable=True,
        help='Path of a YAML file in the schema of the bundled support '
             'manifest. The keys it gives for a driver replace the bundled '
             'ones; drivers it adds are added. Use it for a distribution\'s '
             'own support policy or a private driver\'s lifecycle. A '
             'driver that oslo.messaging removed and the overlay gives '
             'another tier loads only if allowed_drivers names it too. '
             'Every change of tier it makes is logged at WARNING.' +
             _MUTABLE_NOTE),
    cfg.StrOpt(
        'evaluation_release',
        mutable=True,
        help='Evaluate the policy as of this release series (a name such '
             'as "epoxy" or an id such as "2025.1") as well as the series '
             'of the installed oslo.messaging. Meant for pre-upgrade '
             'checks: inside a service it may look ahead but never '
             'behind, since the installed series still applies and the '
             'stricter decision wins. A value that names no series stops '
             'the service at start-up (or, when enable() runs before the '
             'configuration is parsed, at its first transport).' +
             _MUTABLE_NOTE),
]


def register_opts(conf):
    """Register the options on ``conf`` (idempotent)."""
    conf.register_opts(_options, group=GROUP)


def list_opts():
    """The options for oslo-config-generator and the docs.

    :returns: ``[(group name, [options])]``
    """
    return [(GROUP, list(_options))]
