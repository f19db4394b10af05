/** Tab titles: the file name, plus its folder when two open files share a name
 * (`main.tf` and `main.tf · modules/network`). */
export function tabLabels(paths: string[]): Map<string, { name: string; dir: string }> {
  const byName = new Map<string, number>();
  const split = paths.map((path) => {
    const i = path.lastIndexOf("/");
    const name = i < 0 ? path : path.slice(i + 1);
    byName.set(name, (byName.get(name) ?? 0) + 1);
    return { path, name, dir: i < 0 ? "" : path.slice(0, i) };
  });
  return new Map(
    split.map(({ path, name, dir }) => [path, { name, dir: (byName.get(name) ?? 0) > 1 ? dir || "./" : "" }]),
  );
}
