package io.github.orderanalytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** Runs on the module path (Surefire uses it because of module-info): fails on the class path. */
class ModulePathTest {

    @Test
    void theApiIsANamedModuleThatExportsOnlyItsPackageAndRequiresOnlyTheJdkBaseAtRunTime() {
        Module module = OrderAnalytics.class.getModule();

        assertThat(module.isNamed())
                .as("loaded as a named module, not from the class path")
                .isTrue();
        ModuleDescriptor descriptor = module.getDescriptor();
        assertThat(descriptor.name()).isEqualTo("io.github.orderanalytics");
        assertThat(descriptor.exports())
                .extracting(ModuleDescriptor.Exports::source)
                .containsExactly("io.github.orderanalytics");
        assertThat(descriptor.requires())
                .filteredOn(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .extracting(ModuleDescriptor.Requires::name)
                .as("at run time: JSpecify's annotations are needed only by compilers")
                .containsExactly("java.base");
        assertThat(descriptor.requires())
                .filteredOn(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .extracting(ModuleDescriptor.Requires::name)
                .containsExactly("org.jspecify");
    }
}
