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
"""The support-tier manifest: schema, validation and operator overlays.

The bundled manifest (``data/manifest.yaml``) describes every driver that
oslo.messaging ever shipped.  An operator or a distribution may give an
overlay file of the same schema: the keys given for a driver replace that
driver's bundled keys, and drivers the bundle does not know are added.
"""

import functools
import os
import threading

from oslo_messaging_support import data as bundled
from oslo_messaging_support.engine import records
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import rules
from oslo_messaging_support.engine import tiers
from oslo_messaging_support import exception

#: The lifecycle statuses a manifest may declare: every
#: :class:`~oslo_messaging_support.engine.tiers.Tier`.
STATUSES = tuple(tiers.Tier)

#: What a driver can carry.
USAGES = ('rpc', 'notifications')

#: Results a criterion can have.
RESULTS = ('pass', 'fail', 'unknown')

_TOP_KEYS = ('drivers', 'evidence_release')
_DRIVER_KEYS = ('entry_point', 'aliases', 'usage', 'replacement',
                'replacement_named', 'description', 'lifecycle', 'evidence')
_REQUIRED_DRIVER_KEYS = ('entry_point', 'usage', 'lifecycle')
_EVENT_KEYS = ('series', 'status', 'date', 'source', 'note', 'removal')
_REMOVAL_KEYS = ('series', 'quote')
_NAMED_KEYS = ('series', 'words', 'source')
_CRITERION_KEYS = ('result', 'detail', 'source', 'value')


def _is_name(text):
    """``True`` for a driver name: ASCII letters, digits, ``_.-``.

    The first character is not ``.`` or ``-``.  (String methods rather
    than a regular expression, whose compilation a service start would
    pay.)
    """
    return (text.isascii() and text[:1] not in ('', '.', '-') and
            text.replace('_', 'a').replace('.', 'a').replace(
                '-', 'a').isalnum())


def _is_dotted(text):
    # one or more identifiers joined by dots, each starting with an ASCII
    # letter or '_' and going on with word characters (as re's \w)
    for part in text.split('.'):
        head = part[:1]
        if not (head == '_' or (head.isascii() and head.isalpha())):
            return False
        if not part.replace('_', 'a').isalnum():
            return False
    return True


def _is_entry_point(text):
    """``True`` for an entry point target, ``module.path:Class.attr``."""
    module, colon, attribute = text.partition(':')
    return bool(colon) and _is_dotted(module) and _is_dotted(attribute)


class DeclaredRemoval(records.Record):
    """The removal upstream announced with a deprecation.

    :ivar series: the :class:`~oslo_messaging_support.Series` upstream
        named for the removal
    :ivar quote: upstream's words (``removal_version='Stein'``)
    """

    __slots__ = ('series', 'quote')


class NamedReplacement(records.Record):
    """The replacement upstream named for a driver, in its words.

    :ivar series: the :class:`~oslo_messaging_support.Series` in which
        upstream first named it
    :ivar words: upstream's words (``RabbitMQ or AMQP 1.0``)
    :ivar source: where upstream said it
    """

    __slots__ = ('series', 'words', 'source')
    _defaults = {'source': None}


class LifecycleEvent(records.Record):
    """One event in a driver's life.

    :ivar series: the :class:`~oslo_messaging_support.Series` it happened in
    :ivar status: a :class:`~oslo_messaging_support.engine.tiers.Tier`
    :ivar date: a :class:`datetime.date`, or ``None``
    :ivar source: where the fact comes from, or ``None`` in an overlay
    :ivar removal: for a ``deprecated`` event, the
        :class:`DeclaredRemoval` upstream announced with it (its event's
        source quotes it), or ``None`` where upstream declared none
    """

    __slots__ = ('series', 'status', 'date', 'source', 'note', 'removal')
    _defaults = {'date': None, 'source': None, 'note': None,
                 'removal': None}


class Criterion(records.Record):
    """What is known of one policy criterion for one driver."""

    __slots__ = ('name', 'result', 'detail', 'source', 'value')
    _defaults = {'detail': None, 'source': None, 'value': None}


class DriverEntry(records.Record):
    """One driver of the manifest.

    :ivar name: the entry point name (``rabbit``)
    :ivar entry_point: the ``module:Class`` a genuine driver resolves to
    :ivar aliases: other entry point names of the same driver
    :ivar usage: what it can carry, a subset of :data:`USAGES`
    :ivar replacement: the driver upstream told the driver's users to move
        to (in the bundled manifest, a release note that a lifecycle
        source quotes), or ``None`` where upstream named none
    :ivar replacement_named: a :class:`NamedReplacement`: when and in
        which words upstream named the replacement, or ``None``
    :ivar lifecycle: :class:`LifecycleEvent` objects, oldest first
    :ivar evidence: ``{criterion: Criterion}``
    :ivar origin: the file the entry (or its last overlaid key) came from
    :ivar base: the entry this one overlays (as it was before the file in
        :attr:`origin`), or ``None`` for an entry a single file gave
    """

    __slots__ = ('name', 'entry_point', 'aliases', 'usage', 'replacement',
                 'replacement_named', 'description', 'lifecycle', 'evidence',
                 'origin', 'base')
    _defaults = {'aliases': (), 'usage': USAGES, 'replacement': None,
                 'replacement_named': None, 'description': None,
                 'lifecycle': (), 'origin': None, 'base': None}
    _factories = {'evidence': dict}
    _uncompared = ('evidence', 'base')
    _unshown = ('base',)

    def bundled(self, bundled_path):
        """The entry as the file ``bundled_path`` gave it, or ``None``.

        :param bundled_path: the first (bundled) manifest file
        """
        entry = self
        while entry.base is not None:
            entry = entry.base
        return entry if entry.origin == bundled_path else None


class Manifest:
    """A validated set of :class:`DriverEntry` objects.

    :param drivers: ``{name: DriverEntry}``
    :param sources: the files it was read from, bundled first
    :param evidence_release: the release the evidence was read from
    """

    def __init__(self, drivers, sources=(), evidence_release=None):
        self.drivers = dict(drivers)
        self.sources = tuple(sources)
        self.evidence_release = evidence_release
        self._aliases = {}
        for entry in self.drivers.values():
            for alias in entry.aliases:
                self._aliases[alias] = entry.name

    def canonical_name(self, name):
        """The manifest name for a driver or alias name, or ``None``."""
        if name in self.drivers:
            return name
        return self._aliases.get(name)

    def lookup(self, name):
        """The :class:`DriverEntry` for a driver or alias name, or ``None``."""
        canonical = self.canonical_name(name)
        return self.drivers[canonical] if canonical else None

    def names(self):
        """Every driver and alias name, drivers in file order."""
        result = []
        for entry in self.drivers.values():
            result.append(entry.name)
            result.extend(entry.aliases)
        return result


class _Validator:
    """Turn the raw data of one file into driver entries, or fail."""

    def __init__(self, path, calendar, require_source):
        self.path = path
        self.calendar = calendar
        self.require_source = require_source

    @staticmethod
    def quote(value):
        """A value of the file, as an error message quotes it."""
        return exception.excerpt(value)

    def fail(self, problem, mapping=None, key=None, driver=None, field=None):
        """Raise the :class:`ManifestError`.

        ``problem`` quotes the file's values through :meth:`quote`.
        """
        raise exception.ManifestError(
            exception.escape(problem), path=self.path,
            line=bundled.yaml_line_of(mapping, key), driver=driver,
            field=field)

    def check_keys(self, mapping, allowed, driver=None, prefix=None):
        for key in mapping:
            if key not in allowed:
                field = '%s.%s' % (prefix, key) if prefix else str(key)
                self.fail("unknown key '%s' (expected one of %s)"
                          % (self.quote(key), ', '.join(allowed)),
                          mapping, key, driver, field)

    def top_level(self, data):
        self.check_keys(data, _TOP_KEYS)
        drivers = data.get('drivers')
        if drivers is None:
            self.fail("missing key 'drivers'", data, field='drivers')
        if not isinstance(drivers, dict):
            self.fail("'drivers' must be a mapping of driver names",
                      data, 'drivers', field='drivers')
        release = data.get('evidence_release')
        if release is not None and not isinstance(release, str):
            self.fail('must be a string', data, 'evidence_release',
                      field='evidence_release')
        return drivers, release

    def driver_keys(self, name, raw, drivers):
        if not isinstance(name, str) or not _is_name(name):
            self.fail("'%s' is not a valid driver name (letters, digits, "
                      "'_', '.', '-'; no '+')" % self.quote(name),
                      drivers, name)
        if not isinstance(raw, dict):
            self.fail('must be a mapping of driver keys', drivers, name,
                      driver=name)
        self.check_keys(raw, _DRIVER_KEYS, driver=name)
        result = {}
        for key in raw:
            result[key] = getattr(self, '_' + key)(name, raw, raw[key])
        return result

    def _entry_point(self, name, raw, value):
        if not isinstance(value, str) or not _is_entry_point(value):
            self.fail("'%s' is not an entry point target (expected "
                      "module.path:ClassName)" % self.quote(value), raw,
                      'entry_point', name, 'entry_point')
        return value

    def _string_list(self, name, raw, key, value, allowed=None):
        if not isinstance(value, list) or not all(
                isinstance(item, str) for item in value):
            self.fail('must be a list of strings', raw, key, name, key)
        for item in value:
            if allowed and item not in allowed:
                self.fail("'%s' is not one of %s"
                          % (self.quote(item), ', '.join(allowed)), raw, key,
                          name, key)
        return tuple(value)

    def _aliases(self, name, raw, value):
        aliases = self._string_list(name, raw, 'aliases', value)
        for alias in aliases:
            if not _is_name(alias):
                self.fail("'%s' is not a valid driver name"
                          % self.quote(alias), raw,
                          'aliases', name, 'aliases')
        return aliases

    def _usage(self, name, raw, value):
        usage = self._string_list(name, raw, 'usage', value, USAGES)
        if not usage:
            self.fail('must name at least one of %s' % ', '.join(USAGES),
                      raw, 'usage', name, 'usage')
        return usage

    def _replacement(self, name, raw, value):
        if value is not None and not isinstance(value, str):
            self.fail('must be a driver name', raw, 'replacement', name,
                      'replacement')
        return value

    def _replacement_named(self, name, raw, value):
        field = 'replacement_named'
        if not isinstance(value, dict):
            self.fail('must be a mapping with series, words and source',
                      raw, field, name, field)
        self.check_keys(value, _NAMED_KEYS, name, field)
        for key in ('series', 'words'):
            if key not in value:
                self.fail("missing key '%s'" % key, value, driver=name,
                          field='%s.%s' % (field, key))
        if not isinstance(value['words'], str) or not value['words']:
            self.fail("must be upstream's words", value, 'words', name,
                      field + '.words')
        source = value.get('source')
        if self.require_source and not source:
            self.fail('every fact of the bundled manifest needs a source',
                      value, None, name, field + '.source')
        if source is not None and not isinstance(source, str):
            self.fail('must be a string', value, 'source', name,
                      field + '.source')
        return NamedReplacement(series=self._series(name, value, field),
                                words=value['words'], source=source)

    def _removal(self, name, item, field):
        value = item['removal']
        field += '.removal'
        if item.get('status') != tiers.Tier.DEPRECATED:
            self.fail('only a deprecated event declares a removal', item,
                      'removal', name, field)
        if not isinstance(value, dict):
            self.fail('must be a mapping with series and quote', item,
                      'removal', name, field)
        self.check_keys(value, _REMOVAL_KEYS, name, field)
        for key in _REMOVAL_KEYS:
            if key not in value:
                self.fail("missing key '%s'" % key, value, driver=name,
                          field='%s.%s' % (field, key))
        if not isinstance(value['quote'], str) or not value['quote']:
            self.fail("must be upstream's words", value, 'quote', name,
                      field + '.quote')
        return DeclaredRemoval(series=self._series(name, value, field),
                               quote=value['quote'])

    def _description(self, name, raw, value):
        if value is not None and not isinstance(value, str):
            self.fail('must be a string', raw, 'description', name,
                      'description')
        return value

    def _lifecycle(self, name, raw, value):
        if not isinstance(value, list) or not value:
            self.fail('must be a non-empty list of events', raw,
                      'lifecycle', name, 'lifecycle')
        events = [self._event(name, i, item) for i, item in enumerate(value)]
        for i in range(1, len(events)):
            earlier, later = events[i - 1], events[i]
            field = 'lifecycle[%d]' % i
            if earlier.status == tiers.Tier.REMOVED:
                self.fail("a driver cannot come back after 'removed' (%s, "
                          "in %s)" % (later.status, later.series.label),
                          value[i], driver=name, field=field)
            if later.series < earlier.series or (
                    later.series == earlier.series and earlier.date and
                    later.date and later.date < earlier.date):
                self.fail('events out of order: %s (%s) comes after %s (%s);'
                          ' list them oldest first'
                          % (later.status, later.series.label,
                             earlier.status, earlier.series.label),
                          value[i], driver=name, field=field)
        return tuple(events)

    def _event(self, name, index, item):
        field = 'lifecycle[%d]' % index
        if not isinstance(item, dict):
            self.fail('must be a mapping with series and status', None,
                      driver=name, field=field)
        self.check_keys(item, _EVENT_KEYS, name, field)
        for key in ('series', 'status'):
            if key not in item:
                self.fail("missing key '%s'" % key, item, driver=name,
                          field='%s.%s' % (field, key))
        status = item['status']
        if not isinstance(status, str) or status not in STATUSES:
            self.fail("'%s' is not a status (expected one of %s)"
                      % (self.quote(status), ', '.join(STATUSES)), item,
                      'status',
                      name, field + '.status')
        status = tiers.Tier(status)
        series = self._series(name, item, field)
        day = None
        if item.get('date') is not None:
            try:
                day = release_calendar.parse_date(item['date'])
                self.calendar.under_development(day)
            except exception.CalendarError as exc:
                self.fail(str(exc), item, 'date', name, field + '.date')
        if status == tiers.Tier.PROSPECTIVE:
            if day is None:
                self.fail('a prospective event needs a date: the grace '
                          'period is counted from it', item, 'status', name,
                          field + '.date')
            try:
                rules.prospective_terms(self.calendar, day)
            except exception.CalendarError as exc:
                self.fail('its deadline cannot be computed: %s' % exc, item,
                          'date', name, field + '.date')
        source = item.get('source')
        if self.require_source and not source:
            self.fail('every fact of the bundled manifest needs a source',
                      item, None, name, field + '.source')
        if source is not None and not isinstance(source, str):
            self.fail('must be a string', item, 'source', name,
                      field + '.source')
        removal = (self._removal(name, item, field)
                   if item.get('removal') is not None else None)
        if removal is not None and removal.series <= series:
            self.fail('the declared removal must come after the '
                      'deprecation', item, 'removal', name,
                      field + '.removal')
        return LifecycleEvent(series=series, status=status, date=day,
                              source=source, note=item.get('note'),
                              removal=removal)

    def _series(self, name, item, field):
        value = item['series']
        if isinstance(value, bool) or not isinstance(value, (str, int,
                                                             float)):
            self.fail('must be a series name or id', item, 'series', name,
                      field + '.series')
        text = str(value)
        if isinstance(value, float):
            # Read as written: 2025.10 must not become 2025.1.
            text = getattr(value, 'text', None)
            if text is None:
                self.fail('%r is a number, not a series id: quote the id '
                          "('2025.2') or give the name" % value, item,
                          'series', name, field + '.series')
        try:
            return self.calendar.get(text)
        except exception.CalendarError as exc:
            advice = ''
            if isinstance(value, float) and repr(float(value)) != text:
                advice = ("; write a series id as a quoted string "
                          "('%s'): YAML reads an unquoted one as the "
                          "number %r" % (self.quote(text), float(value)))
            self.fail(str(exc) + advice, item, 'series', name,
                      field + '.series')

    def _evidence(self, name, raw, value):
        if not isinstance(value, dict):
            self.fail('must be a mapping of policy criteria', raw,
                      'evidence', name, 'evidence')
        self.check_keys(value, tuple(tiers.CRITERIA), name, 'evidence')
        result = {}
        for key, item in value.items():
            field = 'evidence.%s' % key
            if not isinstance(item, dict):
                self.fail('must be a mapping with result, detail, source',
                          value, key, name, field)
            self.check_keys(item, _CRITERION_KEYS, name, field)
            if item.get('result') not in RESULTS:
                self.fail("'%s' is not a result (expected one of %s)"
                          % (self.quote(item.get('result')),
                             ', '.join(RESULTS)),
                          item, 'result', name, field + '.result')
            if self.require_source and not item.get('source'):
                self.fail('every fact of the bundled manifest needs a '
                          'source', item, None, name, field + '.source')
            result[key] = Criterion(name=key, result=item['result'],
                                    detail=item.get('detail'),
                                    source=item.get('source'),
                                    value=item.get('value'))
        return result


def _check_relations(drivers, path, positions):
    """Aliases and replacements across drivers, once the set is merged."""
    def fail(problem, driver, field):
        raise exception.ManifestError(problem, path=path,
                                      line=positions.get(driver),
                                      driver=driver, field=field)
    owners = {}
    for entry in drivers.values():
        for alias in entry.aliases:
            if alias == entry.name:
                fail("alias '%s' names the driver itself (a cycle)"
                     % _Validator.quote(alias), entry.name, 'aliases')
            if alias in drivers:
                other = drivers[alias]
                cycle = (' and the two form a cycle'
                         if entry.name in other.aliases else '')
                fail("alias '%s' names another driver of the manifest%s"
                     % (_Validator.quote(alias), cycle), entry.name,
                     'aliases')
            if alias in owners:
                fail("alias '%s' is also an alias of driver '%s'"
                     % (_Validator.quote(alias),
                        _Validator.quote(owners[alias])), entry.name,
                     'aliases')
            owners[alias] = entry.name
    for entry in drivers.values():
        if entry.replacement is None:
            continue
        if entry.replacement in (entry.name,) + entry.aliases:
            fail('a driver cannot replace itself', entry.name,
                 'replacement')
        if entry.replacement not in drivers and \
                entry.replacement not in owners:
            fail("replacement '%s' is not a driver of the manifest"
                 % _Validator.quote(entry.replacement), entry.name,
                 'replacement')


def _build(name, keys, origin, base=None):
    return DriverEntry(
        base=base, name=name, entry_point=keys['entry_point'],
        aliases=keys.get('aliases', ()), usage=keys['usage'],
        replacement=keys.get('replacement'),
        replacement_named=keys.get('replacement_named'),
        description=keys.get('description'),
        lifecycle=keys['lifecycle'], evidence=keys.get('evidence', {}),
        origin=origin)


def _merge_data(data, path, calendar, require_source, merged, positions):
    validator = _Validator(path, calendar, require_source)
    drivers, release = validator.top_level(data)
    for name, raw in drivers.items():
        keys = validator.driver_keys(name, raw, drivers)
        positions[name] = bundled.yaml_line_of(drivers, name)
        if name in merged:
            old = {field: getattr(merged[name], field)
                   for field in records.fields(DriverEntry)}
            old.update(keys)
            merged[name] = _build(name, old, path, base=merged[name])
            continue
        for key in _REQUIRED_DRIVER_KEYS:
            if key not in keys:
                validator.fail("missing key '%s' (required for a driver "
                               "the manifest does not already know)" % key,
                               raw, None, name, key)
        merged[name] = _build(name, keys, path)
    return release


def _merged_with(before, path, calendar, require_source, data):
    """``before``'s drivers with one file's data merged in, validated.

    :returns: ``(drivers, the file's evidence release)``; ``before`` is
        left as it was
    """
    merged = dict(before)
    positions = {}
    release = _merge_data(data, path, calendar, require_source, merged,
                          positions)
    _check_relations(merged, path, positions)
    return merged, release


def load_manifest(paths, calendar, strict_first=True, compiled=True):
    """Read, validate and merge manifest files.

    :param paths: the bundled manifest first, then overlay files
    :param calendar: the :class:`~oslo_messaging_support.Calendar` to
        resolve series with
    :param strict_first: require a source for every fact of the first file
    :param compiled: read the bundled manifest's compiled data (``False``:
        parse its YAML, as the compiler does)
    :returns: a :class:`Manifest`
    :raises ManifestError: naming the file, line, driver and field
    """
    merged = {}
    release = None
    for number, path in enumerate(paths):
        merge = functools.partial(_merged_with, merged, path, calendar,
                                  strict_first and number == 0)
        if compiled and path == bundled.path(bundled.MANIFEST):
            # the compiled data, and the YAML's lines should it be invalid
            merged, file_release = bundled.build(bundled.MANIFEST, merge)
        else:
            from oslo_messaging_support.readers import yamlfile
            merged, file_release = merge(yamlfile.load_file(path))
        release = file_release or release
    return Manifest(merged, sources=paths, evidence_release=release)


def bundled_manifest_path():
    """The path of the bundled ``manifest.yaml``."""
    return bundled.path(bundled.MANIFEST)


class ManifestCache:
    """Load the manifest once per overlay version and reuse it.

    Each combination of the bundled file and an overlay is read once; an
    overlay is read again only when its modification or change time, size
    or inode changes (``ctime`` catches an edit that restores the mtime);
    if it disappears or cannot be read, the next lookup raises
    :class:`ManifestError` (nothing already loaded is affected).
    Thread-safe.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._entries = {}

    def get(self, overlay=None, calendar=None):
        """The :class:`Manifest` for the bundled file plus ``overlay``.

        :param overlay: an overlay file's path, or ``None``
        :param calendar: defaults to the bundled calendar
        :raises ManifestError: the overlay is missing, unreadable or invalid
        """
        calendar = calendar or release_calendar.bundled_calendar()
        stamp = _stamp(overlay) if overlay else None
        key = (overlay, id(calendar))
        cached = self._entries.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        with self._lock:
            cached = self._entries.get(key)
            if cached is not None and cached[0] == stamp:
                return cached[1]
            paths = [bundled_manifest_path()]
            if overlay:
                paths.append(overlay)
            manifest = load_manifest(paths, calendar)
            self._entries[key] = (stamp, manifest)
            return manifest

    def clear(self):
        """Forget every manifest read so far."""
        with self._lock:
            self._entries.clear()


def _stamp(path):
    """What tells one version of an overlay file from another."""
    if isinstance(path, str) and '\x00' in path:
        raise exception.ManifestError('the path holds a NUL byte', path=path)
    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:
        raise exception.ManifestError(
            'cannot read the overlay file: %s'
            % (getattr(exc, 'strerror', None) or exc), path=path) from None
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino,
            info.st_dev)


#: The process-wide cache.
CACHE = ManifestCache()
