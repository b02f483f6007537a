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
"""Mistakes in ``[oslo_messaging_support]`` that oslo.config lets through.

oslo.config ignores an option it does not know (``strict = true`` in the
group does nothing), and ``allowed_drivers`` takes any name, so a typo
(``kafak``) silently leaves a driver refused.  :func:`problems` finds
both; ``enable()`` logs its sentences once as WARNINGs and
``oslo-messaging-support check`` prints them.

It costs nothing to a service that does not use the group: the files are
read again only when oslo.config saw the group in them, and the manifest
and entry points only when ``allowed_drivers`` names a driver.
"""

import os

from oslo_config import cfg

from oslo_messaging_support import opts

#: oslo.config's environment source: ``OS_<GROUP>__<OPTION>``.
_ENV_PREFIX = 'OS_%s__' % opts.GROUP.upper()


def _files(conf):
    """The configuration files ``conf`` was parsed from, in order."""
    import glob
    try:
        files = list(conf.config_file or ())
        dirs = list(conf.config_dir or ())
    except cfg.NoSuchOptError:  # not parsed (yet)
        return []
    for directory in dirs:
        # unescaped, as oslo.config globs it: the files it read
        files.extend(sorted(glob.glob(os.path.join(directory, '*.conf'))))
    return files


def _sections_of(path):
    """The ``{section: {key: [values]}}`` of one file, or ``{}``."""
    sections = {}
    try:
        cfg.ConfigParser(path, sections).parse()
    except (OSError, UnicodeDecodeError, cfg.ParseError):
        return {}  # oslo.config itself reports an unreadable file
    return sections


def unknown_options(conf):
    """Options set in the group that the library does not have.

    :param conf: a parsed ``ConfigOpts``
    :returns: ``[(where, name)]``: a file's path or the environment, and
        the option as written
    """
    known = {option.dest for _, options in opts.list_opts()
             for option in options}
    found = []
    try:
        sections = set(conf.list_all_sections())
    except Exception:  # not parsed: nothing was read from files
        sections = set()
    if any(section.lower() == opts.GROUP for section in sections):
        for path in _files(conf):
            for section, keys in _sections_of(path).items():
                if section.lower() != opts.GROUP:
                    continue
                found.extend((path, key) for key in keys
                             if key.replace('-', '_') not in known)
    for variable in sorted(os.environ):
        if variable.startswith(_ENV_PREFIX):
            name = variable[len(_ENV_PREFIX):].lower()
            if name not in known:
                found.append(('the environment (%s)' % variable, name))
    return found


def unknown_drivers(names, overlay=None, policy=None):
    """Names in ``allowed_drivers`` that no driver answers to.

    A name is known when the manifest (with the overlay) has it as a
    driver or alias, or an entry point of that name is installed (a
    private driver).

    :param names: the names of ``allowed_drivers``
    :param overlay: the overlay's path, or ``None``
    :param policy: a :class:`~oslo_messaging_support.SupportPolicy`, the
        process-wide one by default
    :returns: ``[(name, [close matches])]``
    """
    if not names:
        return []
    import difflib
    if policy is None:
        from oslo_messaging_support.engine import support
        policy = support.POLICY
    known = set(policy.manifest(overlay).names())
    known.update(policy.entry_points.table())
    return [(name, difflib.get_close_matches(name, sorted(known), n=3))
            for name in sorted(set(names)) if name not in known]


def problems(conf, configured=None, policy=None):
    """Warning sentences about the group's options, one per mistake.

    :param conf: a parsed ``ConfigOpts``
    :param configured: its :class:`~.configuration.ConfiguredPolicy`, read
        from ``conf`` if ``None``
    :param policy: the policy whose manifest knows the drivers
    :returns: a list of one-line sentences, empty when nothing is wrong
    :raises ManifestError: the overlay is unreadable or invalid
    """
    if configured is None:
        from oslo_messaging_support.service import configuration
        configured = configuration.read_configuration(conf)
    options = unknown_options(conf)
    drivers = unknown_drivers(configured.settings.allowed_drivers,
                              configured.overlay, policy)
    if not options and not drivers:
        return []
    from oslo_messaging_support import exception
    escape = exception.escape
    known = ', '.join(option.dest for _, group in opts.list_opts()
                      for option in group)
    lines = []
    for where, name in options:
        lines.append(
            '[%s] %s in %s is not an option of oslo.messaging-support; '
            'oslo.config ignores it (the options are %s).'
            % (opts.GROUP, escape(name), escape(where), known))
    for name, close in drivers:
        text = ('[%s] allowed_drivers names %s, which is no driver of the '
                'support manifest and no installed transport driver, so it '
                'allows nothing.' % (opts.GROUP, escape(name)))
        if close:
            text += ' Did you mean %s?' % ' or '.join(close)
        lines.append(text)
    return lines
