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
"""The closed sets of the policy: tiers, actions, compliance values and
the criteria a supported driver meets.

Each is a :class:`str` enumeration, so that a member compares equal to its
value (``Tier.SUPPORTED == 'supported'``) and prints as it.  Output
code that hands values to a serializer which checks exact types (PyYAML's
safe dumper) converts them with :func:`str` first.

Adding a tier means adding it to :class:`Tier` here, with its traits
(default action, whether strict mode refuses it, its meaning), and to the
manifest schema, which accepts every :class:`Tier` as a lifecycle status.
"""

import enum


class _Text(str, enum.Enum):
    """A string enumeration that prints as its value on every Python.

    Its :func:`repr` is the value's too (``'supported'``), so that a
    tuple of them reads as the strings they compare equal to.
    """

    def __str__(self):
        return self.value

    def __repr__(self):
        return repr(self.value)

    def __format__(self, spec):
        return format(self.value, spec)


class Tier(_Text):
    """What upstream declared about a driver: its latest lifecycle event.

    ``supported``, ``testing`` (a test-only driver such as fake),
    ``prospective``, ``deprecated``, ``unsupported`` or ``removed``.  A
    name the manifest does not know is :attr:`UNSUPPORTED`.
    """

    SUPPORTED = 'supported'
    TESTING = 'testing'
    PROSPECTIVE = 'prospective'
    DEPRECATED = 'deprecated'
    UNSUPPORTED = 'unsupported'
    REMOVED = 'removed'

    @property
    def default_action(self):
        """The :class:`Action` with no operator setting."""
        return _TIER_TRAITS[self][0]

    @property
    def strict_refuses(self):
        """``True`` when ``strict_mode`` refuses a driver of this tier."""
        return _TIER_TRAITS[self][1]

    @property
    def meaning(self):
        """What the tier means, in a few words (for legends)."""
        return _TIER_TRAITS[self][2]

    @property
    def operator_may_allow(self):
        """``True`` when the operator's allowances load this tier.

        ``allowed_drivers`` or ``allow_unsupported_drivers`` turns its
        refusal into a warning.
        """
        return _TIER_TRAITS[self][3]

    @property
    def settings_matter(self):
        """``True`` when an operator setting changes this tier's decision.

        Its action (strict mode, the allowances) or, for a removed driver
        that ``allowed_drivers`` names, the explanation of its refusal.

        A driver of any other tier gets its default decision whatever the
        ``[oslo_messaging_support]`` options say.
        """
        return (self.strict_refuses or self.operator_may_allow or
                self is Tier.REMOVED)


class Action(_Text):
    """What happens when a service creates a transport with the driver.

    ``load``, ``warn`` or ``refuse``.

    Ordered by :attr:`severity`, which is also the exit status of
    ``check`` and the upgrade check's code (0, 1, 2).
    """

    LOAD = 'load'
    WARN = 'warn'
    REFUSE = 'refuse'

    @property
    def severity(self):
        """0 for load, 1 for warn, 2 for refuse."""
        return _SEVERITY[self]


_SEVERITY = {Action.LOAD: 0, Action.WARN: 1, Action.REFUSE: 2}

# Per tier: default action, refused by strict mode, meaning, and whether
# the operator may allow it.
_TIER_TRAITS = {
    Tier.SUPPORTED: (Action.LOAD, False, 'declared supported', False),
    # strict mode refuses a test-only driver: it drops every message in a
    # deployment (fake keeps them in the process that sent them)
    Tier.TESTING: (Action.LOAD, True, 'for unit tests only', False),
    Tier.PROSPECTIVE: (Action.WARN, True,
                       'new, not supported until it meets the policy',
                       False),
    Tier.DEPRECATED: (Action.WARN, True,
                      'declared deprecated, to be removed', False),
    Tier.UNSUPPORTED: (Action.REFUSE, False, 'not supported', True),
    Tier.REMOVED: (Action.REFUSE, False, 'no longer shipped', False),
}


class Compliance(_Text):
    """What the policy requires of a driver, beside its declared tier.

    ``compliant`` (supported, and the manifest's evidence at the series
    passes every criterion), ``unknown`` (supported, but the manifest holds
    no evidence for a criterion at the series), ``not-met`` (supported,
    and its evidence fails a criterion), ``before-policy`` (a series before
    the policy existed, which asked nothing of anyone), ``test-only``
    (testing), ``grace``
    (prospective, before its deadline), ``overdue`` (prospective past its
    deadline, never declared deprecated), ``deprecated`` (its two cycles
    are not over), ``removable`` (deprecated two cycles ago or more and
    still shipped), ``removed`` (at or after the series the policy
    allowed), ``removed-early`` (before two cycles of deprecation) or
    ``unsupported``.
    """

    COMPLIANT = 'compliant'
    UNKNOWN = 'unknown'
    NOT_MET = 'not-met'
    BEFORE_POLICY = 'before-policy'
    TEST_ONLY = 'test-only'
    GRACE = 'grace'
    OVERDUE = 'overdue'
    DEPRECATED = 'deprecated'
    REMOVABLE = 'removable'
    REMOVED = 'removed'
    REMOVED_EARLY = 'removed-early'
    UNSUPPORTED = 'unsupported'


#: The policy's criteria, as keys of a driver's ``evidence``.
CRITERIA = {
    'coverage': 'unit and/or functional test coverage of at least 60%',
    'unit_tests': 'unit tests run on every Python version the gate runs',
    'integration': 'integration testing with at least 3 dependents '
                   '(a devstack job with nova, cinder and neutron)',
    'gate_voting': 'all of that testing votes in the gate',
    'documentation': 'documented, including in the deployment guide',
    'maintainers': 'at least two committed maintainers',
}
