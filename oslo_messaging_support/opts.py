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

_options = [
    cfg.BoolOpt(
        'allow_unsupported_drivers',
        default=False,
        help='Load transport drivers that the support policy calls '
             'unsupported (private or third-party drivers, or drivers whose '
             'entry point is not the genuine one), with a warning, instead '
             'of refusing them. Removed drivers are refused whatever this '
             'says. Prefer allowed_drivers, which opens the door to one '
             'driver only.'),
    cfg.ListOpt(
        'allowed_drivers',
        default=[],
        help='Names of transport drivers (as in the transport URL scheme, '
             'for example "mydriver") to load whatever their support tier, '
             'with a warning, except removed drivers. Also exempts the '
             'named prospective and deprecated drivers from strict_mode.'),
    cfg.BoolOpt(
        'strict_mode',
        default=False,
        help='Refuse prospective and deprecated transport drivers too, '
             'unless named in allowed_drivers: for distributions and CI '
             'jobs that want supported drivers only.'),
    cfg.StrOpt(
        'manifest_overlay',
        help='Path of a YAML file in the schema of the bundled support '
             'manifest. The keys it gives for a driver replace the bundled '
             'ones; drivers it adds are added. Use it for a distribution\'s '
             'own support policy or a private driver\'s lifecycle. A '
             'driver that oslo.messaging removed and the overlay gives '
             'another tier loads only if allowed_drivers names it too. '
             'Every change of tier it makes is logged at WARNING.'),
    cfg.StrOpt(
        'evaluation_release',
        help='Evaluate the policy as of this release series (a name such '
             'as "epoxy" or an id such as "2025.1") as well as the series '
             'of the installed oslo.messaging. Meant for pre-upgrade '
             'checks: inside a service it may look ahead but never '
             'behind, since the installed series still applies and the '
             'stricter decision wins. A value that names no series stops '
             'the service at start-up.'),
]


def register_opts(conf):
    """Register the options on ``conf`` (idempotent)."""
    conf.register_opts(_options, group=GROUP)


def list_opts():
    """The options for oslo-config-generator and the docs.

    :returns: ``[(group name, [options])]``
    """
    return [(GROUP, list(_options))]
