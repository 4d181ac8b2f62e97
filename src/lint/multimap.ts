// A map from a key to a set of strings (dependents of a dependency, files of a name), with the
// empty sets removed so that the map's size stays that of what is in it.
export function addMember(map: Map<string, Set<string>>, key: string, member: string): void {
  const set = map.get(key);
  if (set) set.add(member);
  else map.set(key, new Set([member]));
}

export function removeMember(map: Map<string, Set<string>>, key: string, member: string): void {
  const set = map.get(key);
  if (set?.delete(member) && set.size === 0) map.delete(key);
}
